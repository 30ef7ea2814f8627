#!/usr/bin/env bash
# One-command deployment of the dashboard (Requirement 11). See README "Deploy".
#
#   scripts/deploy.sh --env dev|prod [--region R] [--yes] [--dry-run] [--registry HOST:PORT] ...
#
# 1. checks that aws, docker, sam and git are installed (R11.1) and that every option is well formed;
# 2. reads the stack's status: only CloudFormation's "does not exist" means a first deploy; any other
#    failure to read it, or a stack in a failed or in-progress state, stops here, before anything is
#    imported, built, pushed or deployed;
# 3. on the first deploy into an empty account, deploys the stack with an empty ImageTag: everything
#    but the service is created, including the stack's own ECR repository;
# 4. builds the image (npm run image), tags it with the commit SHA and `latest` (R11.2, R11.3), logs in
#    to ECR and pushes both tags (R11.4), records the pushed sha256 digest (R2.4) in
#    .cache/deploy/<env>.json and prints it;
# 5. deploys infra/template.json with `sam deploy` through a change set that is shown before it is
#    applied (R10.6; confirmed interactively, or --yes for CI), ImageTag = the SHA (R11.5);
# 6. waits until the service is stable (R11.6), then prints the dashboard's HTTPS URL (R11.7).
# Without --domain-name, a dev deploy's HTTPS uses a self-signed certificate generated with openssl and
# imported into ACM once (its ARN is kept in .cache/deploy/<env>.json and read back from the stack later);
# prod refuses it.
#
# Exit codes: 0 deployed and stable; 1 a step failed (an AWS call, change set, push, unstable service: the
# circuit breaker keeps the previous version serving); 2 wrong usage; 3 a required tool is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'EOF'
Usage: scripts/deploy.sh [options]

Builds, pushes and deploys the VibeJudge dashboard to the stack vibejudge-dashboard-<env>.

  --env dev|prod          environment (default: dev); prod needs --domain-name or --certificate-arn
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

# One line on stderr, whatever the message holds (a value quoted in it may contain a newline).
die() { local m=${1//$'\n'/ }; printf 'deploy: %s\n' "${m//$'\r'/ }" >&2; exit "${2:-1}"; }
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

# ---- the options: every value that reaches a command line, SAM's parameter list or JSON -------------
# SAM reads --parameter-overrides as Key="value" pairs, so a quote or a space in a value could smuggle in
# another parameter (an empty ImageTag removes the service): values are checked against what each one
# can be, not escaped.
REGION_PATTERN='^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$'
CERTIFICATE_PATTERN='^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-[0-9]{1,2}:[0-9]{12}:certificate/[A-Za-z0-9-]{1,128}$'
# Matches "$2" against the pattern $3, or stops: $1 names the value, $4 says what it must be, $5 is the
# exit code (2, wrong usage, unless the value came from AWS or the state file).
expect_form() {
  [[ "$2" =~ $3 ]] || die "$1 must be $4, not '$2'" "${5:-2}"
}
check_options() {
  case "$ENV_NAME" in dev|prod) ;; *) die "--env must be dev or prod, not '$ENV_NAME'" 2 ;; esac
  expect_form --stable-timeout "$STABLE_TIMEOUT" '^[0-9]{1,7}$' 'a number of seconds'
  # A stand-in registry without authentication is only acceptable on this machine.
  [ -z "$REGISTRY" ] || expect_form --registry "$REGISTRY" '^(127\.[0-9]+\.[0-9]+\.[0-9]+|localhost|\[::1\]):[0-9]+$' 'a loopback HOST:PORT (a local stand-in for ECR)'
  [ -z "$IMAGE" ] || expect_form --image "$IMAGE" '^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$' 'a local image NAME:TAG'
  [ -z "$DOMAIN_NAME" ] || expect_form --domain-name "$DOMAIN_NAME" '^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$' 'a DNS name'
  [ -z "$HOSTED_ZONE_ID" ] || expect_form --hosted-zone-id "$HOSTED_ZONE_ID" '^[A-Z0-9]{1,32}$' 'a Route 53 hosted zone id'
  [ -z "$CERTIFICATE_ARN" ] || expect_form --certificate-arn "$CERTIFICATE_ARN" "$CERTIFICATE_PATTERN" 'an ACM certificate ARN'
  [ -z "$ALARM_EMAIL" ] || expect_form --alarm-email "$ALARM_EMAIL" '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,63}$' 'an e-mail address'
  # The template allows only https (the API key travels with every request): refuse http before anything is built.
  [ -z "$API_BASE_URL" ] || expect_form --api-base-url "$API_BASE_URL" '^https://[A-Za-z0-9._~:/?#@!$&()*+,;=%-]+$' 'an https URL without quotes or spaces (the template refuses http)'
  # A self-signed certificate teaches users to click through warnings exactly where they type API keys.
  if [ "$ENV_NAME" = prod ] && [ -z "$DOMAIN_NAME" ] && [ -z "$CERTIFICATE_ARN" ]; then
    die "--env prod needs --domain-name or --certificate-arn: production does not get a self-signed certificate" 2
  fi
}
check_options

# ---- R11.1: the tools ------------------------------------------------------------------------------
missing=()
for tool in aws docker sam git; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  die "missing required tool(s): ${missing[*]} (needs the AWS CLI, Docker, the SAM CLI and Git on PATH)" 3
fi
if [ -z "$REGION" ]; then REGION=$(aws configure get region 2>/dev/null || true); fi
[ -n "$REGION" ] || die "no AWS region: pass --region or set AWS_REGION" 2
# Wherever it came from (option, environment, CLI configuration), it goes into every AWS command line.
expect_form --region "$REGION" "$REGION_PATTERN" 'an AWS region such as eu-west-1'

STACK="vibejudge-dashboard-$ENV_NAME"
TEMPLATE=infra/template.json
STATE_DIR=${DEPLOY_STATE_DIR:-.cache/deploy}  # where the pushed digest is recorded; tests point it elsewhere
STATE="$STATE_DIR/$ENV_NAME.json"
SHA=$(git rev-parse HEAD 2>/dev/null) || die "not inside a git work tree: the image tag is the commit SHA"
[[ "$SHA" =~ ^[0-9a-f]{40,64}$ ]] || die "git rev-parse HEAD gave '$SHA', not a commit SHA"
[ -f "$TEMPLATE" ] || die "$TEMPLATE is missing: run npm run synth"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  printf 'deploy: warning: the work tree has uncommitted changes; the image is tagged %s all the same\n' "$SHA" >&2
fi

# Scratch space (the certificate's private key, the push log, the CLI's error output), removed on every
# exit; a signal becomes an exit so that the EXIT trap runs for it too.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Prints a command, shell-quoted, then runs it unless this is a dry run.
run() {
  printf '+'; printf ' %q' "$@"; printf '\n'
  [ "$DRY" = 1 ] || "$@"
}

# ---- AWS calls -------------------------------------------------------------------------------------
# One AWS CLI call in $REGION: its output in AWS_OUT; on failure, the CLI's error message (its last line
# on stderr) in AWS_ERR, for the caller to decide what the failure means.
aws_call() {
  AWS_OUT='' AWS_ERR=''
  if AWS_OUT=$(aws "$@" --region "$REGION" 2>"$WORK/aws.err"); then return 0; fi
  AWS_ERR=$(grep -v '^[[:space:]]*$' "$WORK/aws.err" | tail -n1 || true)
  AWS_ERR=${AWS_ERR:-the AWS CLI failed without a message}
  return 1
}

# A read-only call retried with backoff (2, 4, 8 s) before giving up: once the change set is applied,
# one throttled or dropped describe call must not turn a good deploy into a failed one.
READ_ATTEMPTS=4
aws_read() {
  local attempt
  for ((attempt = 1; attempt <= READ_ATTEMPTS; attempt++)); do
    aws_call "$@" && return 0
    [ "$attempt" = "$READ_ATTEMPTS" ] || sleep $((2 ** attempt))
  done
  return 1
}

# STACK_STATUS: the stack's status, or '' when CloudFormation says it does not exist. Any other failure
# (throttling, the network, expired credentials) stops here: read as "no stack", it would take the
# first-deploy path, whose empty ImageTag removes the service, its scaling and its dashboard.
read_stack_status() {
  if aws_call cloudformation describe-stacks --stack-name "$STACK" --query 'Stacks[0].StackStatus' --output text; then
    STACK_STATUS=$AWS_OUT
    [[ "$STACK_STATUS" =~ ^[A-Z_]+$ ]] || die "CloudFormation answered '$STACK_STATUS' for the status of $STACK; nothing was changed"
  elif [[ "$AWS_ERR" == *"(ValidationError)"*"Stack with id $STACK does not exist"* ]]; then
    STACK_STATUS=''
  else
    die "cannot read the status of $STACK, so cannot tell a first deploy from an update; nothing was changed: $AWS_ERR"
  fi
}

# FIRST_DEPLOY=1 when there is no stack yet; a stack that cannot be updated now stops the deploy with what
# to do about it, before anything is imported, built or pushed.
check_stack_state() {
  local where="--stack-name $STACK --region $REGION"
  FIRST_DEPLOY=0
  case "$STACK_STATUS" in
    # None, or a change set that was never executed: nothing is created yet, SAM creates the stack.
    ''|REVIEW_IN_PROGRESS) FIRST_DEPLOY=1 ;;
    CREATE_COMPLETE|UPDATE_COMPLETE|UPDATE_ROLLBACK_COMPLETE|IMPORT_COMPLETE|IMPORT_ROLLBACK_COMPLETE) ;;
    ROLLBACK_COMPLETE|ROLLBACK_FAILED|CREATE_FAILED)
      die "stack $STACK is in $STACK_STATUS (its first creation failed): delete it with aws cloudformation delete-stack $where, then run again" ;;
    UPDATE_ROLLBACK_FAILED)
      die "stack $STACK is in UPDATE_ROLLBACK_FAILED (an update could not be rolled back): finish the rollback with aws cloudformation continue-update-rollback $where, then run again" ;;
    DELETE_FAILED)
      die "stack $STACK is in DELETE_FAILED (a deletion stopped half-way): finish it with aws cloudformation delete-stack $where, then run again" ;;
    *_IN_PROGRESS)
      die "stack $STACK is in $STACK_STATUS: another operation is under way; wait until it ends (aws cloudformation describe-stacks $where) and run again" ;;
    *)
      die "stack $STACK is in $STACK_STATUS, from which this script does not deploy: see the stack's events, resolve it, then run again" ;;
  esac
}

# The value of one of the stack's outputs, in AWS_OUT ('' when the stack has no such output).
read_stack_output() {
  aws_read cloudformation describe-stacks --stack-name "$STACK" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue | [0]" --output text || die "cannot read the output $1 of $STACK: $AWS_ERR"
  [ "$AWS_OUT" != None ] || AWS_OUT=''
}

state_get() { [ -f "$STATE" ] && sed -n "s/.*\"$1\": *\"\\([^\"]*\\)\".*/\\1/p" "$STATE" | head -n1 || true; }

# ---- HTTPS certificate -----------------------------------------------------------------------------
# A DomainName lets the stack issue a certificate itself; otherwise a certificate must be passed, and
# without one (dev only) a self-signed certificate is imported into ACM once and reused.
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
  if [ -z "$CERTIFICATE_ARN" ] && [ "$FIRST_DEPLOY" = 0 ]; then read_stack_certificate; fi
  if [ -n "$CERTIFICATE_ARN" ]; then
    expect_form "the remembered certificate" "$CERTIFICATE_ARN" "$CERTIFICATE_PATTERN" "an ACM certificate ARN (see $STATE)" 1
  fi
  # A remembered certificate that ACM no longer has (deleted) is imported anew.
  if [ -n "$CERTIFICATE_ARN" ] && ! certificate_in_acm "$CERTIFICATE_ARN"; then
    printf 'deploy: warning: certificate %s is not in ACM any more; importing a new one\n' "$CERTIFICATE_ARN" >&2
    CERTIFICATE_ARN=''
  fi
  if [ -z "$CERTIFICATE_ARN" ]; then import_self_signed_certificate; fi
}

# The certificate the stack's listener uses now (its CertificateArn parameter), or ''.
read_stack_certificate() {
  aws_call cloudformation describe-stacks --stack-name "$STACK" \
    --query "Stacks[0].Parameters[?ParameterKey=='CertificateArn'].ParameterValue | [0]" --output text \
    || die "cannot read the certificate of $STACK; nothing was changed: $AWS_ERR"
  CERTIFICATE_ARN=$AWS_OUT
  [ "$CERTIFICATE_ARN" != None ] || CERTIFICATE_ARN=''
}

# True when ACM has the certificate, false when ACM says it has not; any other answer (throttling,
# credentials) stops, rather than importing a second certificate and replacing the listener's.
certificate_in_acm() {
  aws_call acm describe-certificate --certificate-arn "$1" --query Certificate.Status --output text && return 0
  [[ "$AWS_ERR" == *"(ResourceNotFoundException)"* ]] && return 1
  die "cannot check certificate $1 in ACM; nothing was changed: $AWS_ERR"
}

# The private key exists only in $WORK, which the EXIT trap removes however the script ends.
import_self_signed_certificate() {
  step "no DomainName: importing a self-signed certificate into ACM (once per environment)"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=$STACK.vibejudge.invalid" \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1 || die "openssl could not generate the self-signed certificate"
  aws_call acm import-certificate --certificate "fileb://$WORK/cert.pem" --private-key "fileb://$WORK/key.pem" \
    --query CertificateArn --output text || die "ACM refused the self-signed certificate: $AWS_ERR"
  rm -f "$WORK/key.pem"
  CERTIFICATE_ARN=$AWS_OUT
  expect_form "ACM's answer" "$CERTIFICATE_ARN" "$CERTIFICATE_PATTERN" "an ACM certificate ARN" 1
}

# Quoted, because SAM rejects a bare `ImageTag=` (the first deploy's empty tag) but accepts `ImageTag=""`;
# check_options made sure no value holds a quote.
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

# A real pipeline with quoted arguments (never a string handed to a shell); the printed line is only shown.
ecr_login() {
  local registry=${REPO_URI%%/*}
  printf '+ aws ecr get-login-password --region %s | docker login --username AWS --password-stdin %s\n' "$REGION" "$registry"
  [ "$DRY" = 1 ] && return
  aws ecr get-login-password --region "$REGION" | docker login --username AWS --password-stdin "$registry" \
    || die "logging in to ECR ($registry) failed"
}

# A JSON string: every value is validated above, so escaping backslashes and quotes is enough.
json_string() { local s=${1//\\/\\\\}; printf '"%s"' "${s//\"/\\\"}"; }

record_push() {
  mkdir -p "$STATE_DIR"
  cat > "$STATE" <<EOF
{
  "environment": $(json_string "$ENV_NAME"),
  "stack": $(json_string "$STACK"),
  "region": $(json_string "$REGION"),
  "commit": $(json_string "$SHA"),
  "image": $(json_string "$TARGET:$SHA"),
  "digest": $(json_string "$DIGEST"),
  "certificateArn": $(json_string "$CERTIFICATE_ARN"),
  "pushedAt": $(json_string "$(date -u +%Y-%m-%dT%H:%M:%SZ)")
}
EOF
}

# DEPLOYMENTS RUNNING DESIRED ROLLOUT of the service, each describe call retried (aws_read).
read_service_state() {
  aws_read ecs describe-services --cluster "$CLUSTER" --services "$SERVICE" \
    --query 'services[0].[length(deployments), runningCount, desiredCount, deployments[0].rolloutState]' --output text \
    || die "cannot read the state of $SERVICE after $READ_ATTEMPTS attempts ($AWS_ERR); the change set was applied: check the service before deploying again"
  read -r DEPLOYMENTS RUNNING DESIRED ROLLOUT <<<"$AWS_OUT" || true
}

step "deploying commit $SHA to $STACK in $REGION"

# ---- the stack as it is: decided before anything is changed ----------------------------------------
if [ "$DRY" = 1 ]; then
  FIRST_DEPLOY=1
else
  read_stack_status
  check_stack_state
fi
certificate

# ---- first deploy: the repository before the image, the image before the service ------------------
if [ "$DRY" = 1 ]; then
  step "first deploy only (when $STACK does not exist yet): everything but the service, so the image can be pushed"
  sam_deploy ''
  REPO_URI="<EcrRepositoryUri of $STACK>"
else
  if [ "$FIRST_DEPLOY" = 1 ]; then
    step "first deploy: $STACK does not exist; creating it without the service (ImageTag empty)"
    sam_deploy '' || die "the first deploy of $STACK failed; see the change set and stack events above"
  fi
  read_stack_output EcrRepositoryUri
  REPO_URI=$AWS_OUT
  expect_form "the stack's EcrRepositoryUri output" "$REPO_URI" '^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+$' 'a repository URI' 1
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
  ecr_login
else
  step "pushing to the stand-in registry $REGISTRY (no login)"
fi
if [ "$DRY" = 1 ]; then
  run docker push "$TARGET:$SHA"
  run docker push "$TARGET:latest"
  printf 'the pushed digest would be recorded in %s\n' "$STATE"
else
  run docker push "$TARGET:$SHA" | tee "$WORK/push.log" || die "pushing $TARGET:$SHA failed"
  DIGEST=$(grep -o 'digest: sha256:[0-9a-f]\{64\}' "$WORK/push.log" | tail -n1 | cut -d' ' -f2 || true)
  run docker push "$TARGET:latest" || die "pushing $TARGET:latest failed"
  [ -n "$DIGEST" ] || die "the push printed no sha256 digest"
  record_push
  printf 'image digest: %s@%s (recorded in %s)\n' "$TARGET" "$DIGEST" "$STATE"
fi

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
  read_stack_output ClusterArn; CLUSTER=$AWS_OUT
  read_stack_output ServiceArn; SERVICE=$AWS_OUT
  [ -n "$SERVICE" ] || die "stack $STACK has no service after the deploy"
  step "waiting up to ${STABLE_TIMEOUT}s for $SERVICE to become stable"
  deadline=$(( $(date +%s) + STABLE_TIMEOUT ))
  while :; do
    read_service_state
    if [ "$DEPLOYMENTS" = 1 ] && [ "$RUNNING" = "$DESIRED" ] && [ "$ROLLOUT" != FAILED ]; then break; fi
    if [ "$ROLLOUT" = FAILED ]; then
      die "the new tasks did not become healthy; the circuit breaker rolled back to the previous version"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      die "the service did not become stable within ${STABLE_TIMEOUT}s ($RUNNING of $DESIRED tasks running, $DEPLOYMENTS deployment(s)); the circuit breaker keeps the previous version serving"
    fi
    sleep 5
  done
  read_stack_output DashboardUrl; URL=$AWS_OUT
fi

# ---- R11.7 ------------------------------------------------------------------------------------------
printf 'dashboard: %s\n' "$URL"
