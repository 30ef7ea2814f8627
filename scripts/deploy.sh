#!/usr/bin/env bash
# One-command deployment of the dashboard (Requirement 11). See README "Deploy".
#
#   scripts/deploy.sh --env dev|prod [--region R] [--yes] [--dry-run] [--registry HOST:PORT] ...
#
# 1. checks that aws, docker, sam and git are installed (R11.1);
# 2. on the first deploy into an empty account, deploys the stack with an empty ImageTag: everything
#    but the service is created, including the stack's own ECR repository;
# 3. builds the image (npm run image), tags it with the commit SHA and `latest` (R11.2, R11.3), logs in
#    to ECR and pushes both tags (R11.4), records the pushed sha256 digest (R2.4) in
#    .cache/deploy/<env>.json and prints it;
# 4. deploys infra/template.json with `sam deploy` through a change set that is shown before it is
#    applied (R10.6; confirmed interactively, or --yes for CI), ImageTag = the SHA (R11.5);
# 5. waits until the service is stable (R11.6), then prints the dashboard's HTTPS URL (R11.7).
# Without --domain-name, HTTPS uses a self-signed certificate generated with openssl and imported into
# ACM once (its ARN is kept in .cache/deploy/<env>.json and read back from the stack later).
#
# Exit codes: 0 deployed and stable; 1 a step failed (change set, push, unstable service: the circuit
# breaker keeps the previous version serving); 2 wrong usage; 3 a required tool is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'EOF'
Usage: scripts/deploy.sh [options]

Builds, pushes and deploys the VibeJudge dashboard to the stack vibejudge-dashboard-<env>.

  --env dev|prod          environment (default: dev)
  --region REGION         AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, or the CLI's configured one)
  --yes                   apply the change set without asking (CI); it is still printed first
  --dry-run               print every command it would run, run none
  --registry HOST:PORT    push to this registry instead of the stack's ECR repository (a local registry
                          on loopback in tests); no ECR login
  --image NAME:TAG        push this already built local image instead of running `npm run image`
  --domain-name NAME      DNS name of the dashboard (with --hosted-zone-id, ACM issues its certificate)
  --hosted-zone-id ID     Route 53 hosted zone of --domain-name
  --certificate-arn ARN   an existing ACM certificate for the HTTPS listener
  --alarm-email ADDRESS   subscribe this address to the alarm topic
  --api-base-url URL      VibeJudge API root passed to the container
  --stable-timeout SECS   how long to wait for the service to become stable (default: 1800)
  --help                  this text

AWS_ENDPOINT_URL is honoured by the AWS CLI and SAM CLI (an emulator in tests).
Exit: 0 deployed and stable, 1 a step failed, 2 wrong usage, 3 a required tool is missing.
EOF
}

die() { printf 'deploy: %s\n' "$1" >&2; exit "${2:-1}"; }
step() { printf '==> %s\n' "$*"; }

ENV_NAME=dev REGION=${AWS_REGION:-${AWS_DEFAULT_REGION:-}} YES=0 DRY=0 REGISTRY='' IMAGE=''
DOMAIN_NAME='' HOSTED_ZONE_ID='' CERTIFICATE_ARN='' ALARM_EMAIL='' API_BASE_URL='' STABLE_TIMEOUT=1800
need_value() { [ $# -ge 2 ] && [ -n "$2" ] && [ "${2#--}" = "$2" ] || die "$1 needs a value (see --help)" 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --env) need_value "$@"; ENV_NAME=$2; shift 2 ;;
    --region) need_value "$@"; REGION=$2; shift 2 ;;
    --yes) YES=1; shift ;;
    --dry-run) DRY=1; shift ;;
    --registry) need_value "$@"; REGISTRY=$2; shift 2 ;;
    --image) need_value "$@"; IMAGE=$2; shift 2 ;;
    --domain-name) need_value "$@"; DOMAIN_NAME=$2; shift 2 ;;
    --hosted-zone-id) need_value "$@"; HOSTED_ZONE_ID=$2; shift 2 ;;
    --certificate-arn) need_value "$@"; CERTIFICATE_ARN=$2; shift 2 ;;
    --alarm-email) need_value "$@"; ALARM_EMAIL=$2; shift 2 ;;
    --api-base-url) need_value "$@"; API_BASE_URL=$2; shift 2 ;;
    --stable-timeout) need_value "$@"; STABLE_TIMEOUT=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" 2 ;;
  esac
done

case "$ENV_NAME" in dev|prod) ;; *) die "--env must be dev or prod, not '$ENV_NAME'" 2 ;; esac
[[ "$STABLE_TIMEOUT" =~ ^[0-9]+$ ]] || die "--stable-timeout must be a number of seconds, not '$STABLE_TIMEOUT'" 2
if [ -n "$REGISTRY" ]; then
  # A stand-in registry without authentication is only acceptable on this machine.
  [[ "$REGISTRY" =~ ^(127\.[0-9]+\.[0-9]+\.[0-9]+|localhost|\[::1\]):[0-9]+$ ]] || die "--registry must be a loopback HOST:PORT (a local stand-in for ECR), not '$REGISTRY'" 2
fi

# ---- R11.1: the tools ------------------------------------------------------------------------------
missing=()
for tool in aws docker sam git; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  die "missing required tool(s): ${missing[*]} (needs the AWS CLI, Docker, the SAM CLI and Git on PATH)" 3
fi
if [ -z "$REGION" ]; then REGION=$(aws configure get region 2>/dev/null || true); fi
[ -n "$REGION" ] || die "no AWS region: pass --region or set AWS_REGION" 2

STACK="vibejudge-dashboard-$ENV_NAME"
TEMPLATE=infra/template.json
STATE_DIR=${DEPLOY_STATE_DIR:-.cache/deploy}  # where the pushed digest is recorded; tests point it elsewhere
STATE="$STATE_DIR/$ENV_NAME.json"
SHA=$(git rev-parse HEAD 2>/dev/null) || die "not inside a git work tree: the image tag is the commit SHA"
[ -f "$TEMPLATE" ] || die "$TEMPLATE is missing: run npm run synth"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  printf 'deploy: warning: the work tree has uncommitted changes; the image is tagged %s all the same\n' "$SHA" >&2
fi

# Prints a command, shell-quoted, then runs it unless this is a dry run.
run() {
  printf '+'; printf ' %q' "$@"; printf '\n'
  [ "$DRY" = 1 ] || "$@"
}
# The same for a pipeline given as one string (the ECR login).
run_pipe() {
  printf '+ %s\n' "$1"
  [ "$DRY" = 1 ] || bash -o pipefail -c "$1"
}

stack_status() {
  aws cloudformation describe-stacks --stack-name "$STACK" --region "$REGION" --query 'Stacks[0].StackStatus' --output text 2>/dev/null || true
}
stack_output() {
  aws cloudformation describe-stacks --stack-name "$STACK" --region "$REGION" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue | [0]" --output text
}
state_get() { [ -f "$STATE" ] && sed -n "s/.*\"$1\": *\"\\([^\"]*\\)\".*/\\1/p" "$STATE" | head -n1 || true; }

# ---- HTTPS certificate -----------------------------------------------------------------------------
# A DomainName lets the stack issue a certificate itself; otherwise a certificate must be passed, and
# without one a self-signed certificate is imported into ACM once and reused.
certificate() {
  if [ -n "$CERTIFICATE_ARN" ] || [ -n "$DOMAIN_NAME" ]; then return; fi
  if [ "$DRY" = 1 ]; then
    step "self-signed certificate (only when neither $STATE nor the stack has one yet)"
    printf '+ openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj /CN=%s.vibejudge.invalid -keyout KEY -out CERT\n' "$STACK"
    printf '+ aws acm import-certificate --certificate fileb://CERT --private-key fileb://KEY --region %s\n' "$REGION"
    CERTIFICATE_ARN='<imported certificate ARN>'
    return
  fi
  CERTIFICATE_ARN=$(state_get certificateArn)
  if [ -z "$CERTIFICATE_ARN" ] && [ -n "$(stack_status)" ]; then
    CERTIFICATE_ARN=$(aws cloudformation describe-stacks --stack-name "$STACK" --region "$REGION" \
      --query "Stacks[0].Parameters[?ParameterKey=='CertificateArn'].ParameterValue | [0]" --output text 2>/dev/null || true)
    [ "$CERTIFICATE_ARN" = None ] && CERTIFICATE_ARN=''
  fi
  # A remembered certificate that ACM no longer has (deleted, another account) is imported anew.
  if [ -n "$CERTIFICATE_ARN" ] && ! aws acm describe-certificate --certificate-arn "$CERTIFICATE_ARN" --region "$REGION" >/dev/null 2>&1; then
    printf 'deploy: warning: certificate %s is not in ACM any more; importing a new one\n' "$CERTIFICATE_ARN" >&2
    CERTIFICATE_ARN=''
  fi
  if [ -z "$CERTIFICATE_ARN" ]; then
    step "no DomainName: importing a self-signed certificate into ACM (once per environment)"
    local dir; dir=$(mktemp -d)
    openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$STACK.vibejudge.invalid" \
      -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1 || { rm -rf "$dir"; die "openssl could not generate the self-signed certificate"; }
    CERTIFICATE_ARN=$(aws acm import-certificate --certificate "fileb://$dir/cert.pem" --private-key "fileb://$dir/key.pem" \
      --region "$REGION" --query CertificateArn --output text) || { rm -rf "$dir"; die "ACM refused the self-signed certificate"; }
    rm -rf "$dir"
  fi
}

# Quoted, because SAM rejects a bare `ImageTag=` (the first deploy's empty tag) but accepts `ImageTag=""`.
parameters() {
  param() { printf '%s="%s"\n' "$1" "$2"; }
  param Environment "$ENV_NAME"
  param ImageTag "$1"
  [ -n "$CERTIFICATE_ARN" ] && param CertificateArn "$CERTIFICATE_ARN"
  [ -n "$DOMAIN_NAME" ] && param DomainName "$DOMAIN_NAME"
  [ -n "$HOSTED_ZONE_ID" ] && param HostedZoneId "$HOSTED_ZONE_ID"
  [ -n "$ALARM_EMAIL" ] && param AlarmEmail "$ALARM_EMAIL"
  [ -n "$API_BASE_URL" ] && param ApiBaseUrl "$API_BASE_URL"
  return 0
}

# sam deploy creates a change set and prints it before executing it (R10.6).
sam_deploy() {
  local tag=$1 confirm=--confirm-changeset params=()
  [ "$YES" = 1 ] && confirm=--no-confirm-changeset
  mapfile -t params < <(parameters "$tag")
  run sam deploy --template-file "$TEMPLATE" --stack-name "$STACK" --region "$REGION" \
    --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset "$confirm" \
    --tags Project=vibejudge-dashboard "Environment=$ENV_NAME" \
    --parameter-overrides "${params[@]}"
}

step "deploying commit $SHA to $STACK in $REGION"
certificate

# ---- first deploy: the repository before the image, the image before the service ------------------
if [ "$DRY" = 1 ]; then
  step "first deploy only (when $STACK does not exist yet): everything but the service, so the image can be pushed"
  sam_deploy ''
  REPO_URI="<EcrRepositoryUri of $STACK>"
else
  status=$(stack_status)
  # A stack whose very first creation failed cannot be updated; CloudFormation only allows deleting it.
  [ "$status" = ROLLBACK_COMPLETE ] && die "stack $STACK is in ROLLBACK_COMPLETE (its first creation failed): delete it with aws cloudformation delete-stack --stack-name $STACK --region $REGION, then run again"
  if [ -z "$status" ] || [ "$status" = None ] || [ "$status" = REVIEW_IN_PROGRESS ]; then
    step "first deploy: $STACK does not exist; creating it without the service (ImageTag empty)"
    sam_deploy '' || die "the first deploy of $STACK failed; see the change set and stack events above"
  fi
  REPO_URI=$(stack_output EcrRepositoryUri) || die "cannot read the outputs of $STACK"
  [ -n "$REPO_URI" ] && [ "$REPO_URI" != None ] || die "stack $STACK has no EcrRepositoryUri output"
fi

# ---- R11.2, R11.3: build and tag -------------------------------------------------------------------
if [ -n "$REGISTRY" ]; then TARGET="$REGISTRY/${REPO_URI#*/}"; else TARGET=$REPO_URI; fi
[ "$DRY" = 1 ] && [ -n "$REGISTRY" ] && TARGET="$REGISTRY/<repository name of $STACK>"
if [ -z "$IMAGE" ]; then
  step "building the image"
  run npm run image
  IMAGE=vibejudge-dashboard:local
fi
run docker tag "$IMAGE" "$TARGET:$SHA"
run docker tag "$IMAGE" "$TARGET:latest"

# ---- R11.4: log in and push both tags; R2.4: record the digest --------------------------------------
if [ -z "$REGISTRY" ]; then
  run_pipe "aws ecr get-login-password --region $REGION | docker login --username AWS --password-stdin ${REPO_URI%%/*}"
else
  step "pushing to the stand-in registry $REGISTRY (no login)"
fi
push_log=$(mktemp)
trap 'rm -f "$push_log"' EXIT
if [ "$DRY" = 1 ]; then
  run docker push "$TARGET:$SHA"
  run docker push "$TARGET:latest"
  DIGEST='<sha256 digest of the push>'
else
  run docker push "$TARGET:$SHA" | tee "$push_log" || die "pushing $TARGET:$SHA failed"
  DIGEST=$(grep -o 'digest: sha256:[0-9a-f]\{64\}' "$push_log" | tail -n1 | cut -d' ' -f2)
  run docker push "$TARGET:latest" || die "pushing $TARGET:latest failed"
  [ -n "$DIGEST" ] || die "the push printed no sha256 digest"
  mkdir -p "$STATE_DIR"
  cat > "$STATE" <<EOF
{
  "environment": "$ENV_NAME",
  "stack": "$STACK",
  "region": "$REGION",
  "commit": "$SHA",
  "image": "$TARGET:$SHA",
  "digest": "$DIGEST",
  "certificateArn": "$CERTIFICATE_ARN",
  "pushedAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}
EOF
fi
if [ "$DRY" = 1 ]; then printf 'the pushed digest would be recorded in %s\n' "$STATE"
else printf 'image digest: %s@%s (recorded in %s)\n' "$TARGET" "$DIGEST" "$STATE"; fi

# ---- R11.5: deploy with ImageTag = the SHA ---------------------------------------------------------
step "deploying the template through a change set"
sam_deploy "$SHA" || die "the change set for $STACK failed or was not applied; the previous version keeps serving"

# ---- R11.6: wait until the service is stable -------------------------------------------------------
# What `aws ecs wait services-stable` waits for (one deployment, running = desired), with a deadline of
# our own and an early stop when ECS reports the rollout failed (the circuit breaker rolled it back).
if [ "$DRY" = 1 ]; then
  step "every 5 s until stable (one deployment, running = desired) or ${STABLE_TIMEOUT}s have passed:"
  run aws ecs describe-services --cluster "<ClusterArn of $STACK>" --services "<ServiceArn of $STACK>" --region "$REGION" \
    --query 'services[0].[length(deployments), runningCount, desiredCount, deployments[0].rolloutState]' --output text
  URL="<DashboardUrl of $STACK>"
else
  CLUSTER=$(stack_output ClusterArn) SERVICE=$(stack_output ServiceArn)
  [ -n "$SERVICE" ] && [ "$SERVICE" != None ] || die "stack $STACK has no service after the deploy"
  step "waiting up to ${STABLE_TIMEOUT}s for $SERVICE to become stable"
  deadline=$(( $(date +%s) + STABLE_TIMEOUT ))
  while :; do
    read -r deployments running desired rollout < <(aws ecs describe-services --cluster "$CLUSTER" --services "$SERVICE" --region "$REGION" \
      --query 'services[0].[length(deployments), runningCount, desiredCount, deployments[0].rolloutState]' --output text)
    if [ "$deployments" = 1 ] && [ "$running" = "$desired" ] && [ "$rollout" != FAILED ]; then break; fi
    if [ "$rollout" = FAILED ]; then
      die "the new tasks did not become healthy; the circuit breaker rolled back to the previous version"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      die "the service did not become stable within ${STABLE_TIMEOUT}s ($running of $desired tasks running, $deployments deployment(s)); the circuit breaker keeps the previous version serving"
    fi
    sleep 5
  done
  URL=$(stack_output DashboardUrl)
fi

# ---- R11.7 ------------------------------------------------------------------------------------------
printf 'dashboard: %s\n' "$URL"
