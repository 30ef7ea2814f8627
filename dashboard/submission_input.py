"""Submissions typed or pasted by an organizer (one `team name, repository URL` a line) or uploaded as a
CSV with `team_name` and `repo_url` columns, checked as the API checks them (its SubmissionInput model)
so that one bad line is named before anything is sent, instead of the whole batch being refused.
"""

from __future__ import annotations

import csv
import io
import re

TEAM_NAME = re.compile(r"^[a-zA-Z0-9 _-]{1,50}$")
REPO_URL = re.compile(r"^https://github\.com/[\w\-\.]+/[\w\-\.]+/?$")
MAX_BATCH = 500
MAX_CSV_BYTES = 512 * 1024


def check_one(team: str, url: str) -> dict[str, str]:
    """One submission's problems by field (`team_name`, `repo_url`, the API's names); empty when it is fine."""
    problems = {}
    if not TEAM_NAME.match(team):
        problems["team_name"] = "The team name must be 1 to 50 letters, digits, spaces, - or _."
    if not REPO_URL.match(url):
        problems["repo_url"] = "The repository must be https://github.com/OWNER/REPO."
    return problems


def _check(rows: list[tuple[int, str, str]]) -> tuple[list[dict[str, str]], list[str]]:
    good: list[dict[str, str]] = []
    problems: list[str] = []
    seen: set[str] = set()
    for line, team, url in rows:
        wrong = check_one(team, url)
        if wrong:  # the first, as the line's one problem
            first = next(iter(wrong.values()))
            problems.append(f"line {line}: {first[0].lower()}{first[1:].rstrip('.')}")
        elif url.lower().rstrip("/") in seen:
            problems.append(f"line {line}: this repository is listed twice")
        else:
            seen.add(url.lower().rstrip("/"))
            good.append({"team_name": team, "repo_url": url})
    if len(good) > MAX_BATCH:
        problems.append(f"at most {MAX_BATCH} submissions at a time")
    return good, problems


def parse_lines(text: str) -> tuple[list[dict[str, str]], list[str]]:
    """`team name, URL` a line (a tab works too); blank lines are skipped."""
    rows = []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        sep = "\t" if "\t" in raw else ","
        team, _, url = raw.rpartition(sep)
        rows.append((n, team.strip(), url.strip()))
    return _check(rows)


def parse_csv(data: bytes) -> tuple[list[dict[str, str]], list[str]]:
    """A CSV with a header row naming `team_name` and `repo_url`."""
    if len(data) > MAX_CSV_BYTES:
        return [], [f"the file is larger than {MAX_CSV_BYTES // 1024} kB"]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], ["the file is not UTF-8 text"]
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"team_name", "repo_url"} <= {f.strip() for f in reader.fieldnames}:
        return [], ["the first row must name the columns team_name and repo_url"]
    rows = [(n, (r.get("team_name") or "").strip(), (r.get("repo_url") or "").strip())
            for n, r in enumerate(({k.strip(): v for k, v in row.items() if k} for row in reader), 2)]
    return _check(rows)
