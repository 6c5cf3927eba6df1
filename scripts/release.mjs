// Cut a release: the one command a maintainer runs (see RELEASING.md).
//
//   npm run release -- 1.2.0              # bump, changelog, rebuild dist/, commit, tag v1.2.0, move v1, push
//   npm run release -- 1.2.0 --no-push    # everything but the push (inspect, then push yourself)
//   npm run release -- 1.3.0-rc.1         # a pre-release: tagged, but the major tag v1 stays where it is
//
// Options: --remote NAME (default origin), --branch NAME (the release branch, default main),
// --date YYYY-MM-DD (the changelog date, default today in UTC).
//
// It refuses, changing nothing, when the work tree is not clean, HEAD is not the release branch,
// the version is not newer than package.json's, the tag exists, or the changelog's
// "## [Unreleased]" section is empty. `npm publish` stays a separate step: it needs the
// maintainer's npm credentials, which this script never sees.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    remote: { type: "string", default: "origin" },
    branch: { type: "string", default: "main" },
    date: { type: "string" },
    "no-push": { type: "boolean", default: false },
  },
});

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(2);
}

function git(...args) {
  return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function succeeds(...args) {
  try {
    git(...args);
    return true;
  } catch {
    return false;
  }
}

/** Negative, zero or positive as a is older than, equal to or newer than b (pre-releases sort first). */
function compareVersions(a, b) {
  const [, ...pa] = SEMVER.exec(a);
  const [, ...pb] = SEMVER.exec(b);
  for (let i = 0; i < 3; i++) if (Number(pa[i]) !== Number(pb[i])) return Number(pa[i]) - Number(pb[i]);
  if (pa[3] === pb[3]) return 0;
  if (pa[3] === undefined) return 1;
  if (pb[3] === undefined) return -1;
  return pa[3] < pb[3] ? -1 : 1;
}

/**
 * Move the entries under "## [Unreleased]" into a new "## [version] - date" section and keep an
 * empty Unreleased section above it. Returns undefined when there is nothing to release.
 */
function releaseChangelog(text, version, date) {
  const heading = /^## \[Unreleased\][^\n]*\n/m.exec(text);
  if (!heading) return undefined;
  const start = heading.index + heading[0].length;
  const next = /^## \[/m.exec(text.slice(start));
  const end = next ? start + next.index : text.length;
  const body = text.slice(start, end).trim();
  if (body === "") return undefined;
  return `${text.slice(0, start)}\n## [${version}] - ${date}\n\n${body}\n\n${text.slice(end)}`;
}

const version = positionals[0];
if (positionals.length !== 1 || !SEMVER.test(version ?? "")) {
  fail(`give the new version as X.Y.Z (e.g. 'npm run release -- 1.2.0'); got '${positionals.join(" ")}'.`);
}
const push = !opts["no-push"];
const date = opts.date ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`--date '${date}' is not YYYY-MM-DD.`);

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
if (compareVersions(version, pkg.version) <= 0) {
  fail(`${version} is not newer than package.json's ${pkg.version}; pick a higher version.`);
}
const status = git("status", "--porcelain", "--untracked-files=no");
if (status !== "") fail(`the work tree has uncommitted changes; commit or stash them first:\n${status}`);
const branch = git("rev-parse", "--abbrev-ref", "HEAD");
if (branch !== opts.branch) fail(`HEAD is '${branch}', not the release branch '${opts.branch}'; check it out first.`);
const tag = `v${version}`;
if (succeeds("rev-parse", "--verify", "--quiet", `refs/tags/${tag}`)) fail(`tag ${tag} exists already.`);
const changelog = releaseChangelog(readFileSync("CHANGELOG.md", "utf8"), version, date);
if (changelog === undefined) {
  fail("CHANGELOG.md has no entries under '## [Unreleased]'; say what changed there first.");
}

// Version: package.json, package-lock.json (npm keeps both) and src/version.ts (a test keeps them equal).
execFileSync("npm", ["version", version, "--no-git-tag-version", "--allow-same-version"], { stdio: "ignore" });
const versionFile = "src/version.ts";
const versionSource = readFileSync(versionFile, "utf8");
const bumped = versionSource.replace(/export const VERSION = "[^"]*";/, `export const VERSION = "${version}";`);
if (bumped === versionSource) fail(`${versionFile} has no 'export const VERSION = "…";' line to update.`);
writeFileSync(versionFile, bumped);
writeFileSync("CHANGELOG.md", changelog);

// dist/ is what `uses: …@v1` and `npx leakstop` run: rebuilt from this exact source, with this version in it.
execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });

git("add", "--all", "--", "package.json", "package-lock.json", versionFile, "CHANGELOG.md", "dist");
git("commit", "--quiet", "-m", `Release ${tag}`);
git("tag", "--annotate", tag, "-m", `leakstop ${version}`);
const prerelease = SEMVER.exec(version)[4] !== undefined;
const major = `v${SEMVER.exec(version)[1]}`;
// The major tag is what workflows pin (`uses: OWNER/leakstop@v1`): it follows the newest stable release.
if (!prerelease) git("tag", "--force", "--annotate", major, "-m", `leakstop ${version}`);

if (push) {
  git("push", "--quiet", opts.remote, `HEAD:refs/heads/${opts.branch}`, `refs/tags/${tag}`);
  if (!prerelease) git("push", "--quiet", "--force", opts.remote, `refs/tags/${major}`);
}
const moved = prerelease ? "" : `, moved ${major}`;
const next = push
  ? ""
  : ` Push: git push ${opts.remote} ${opts.branch} ${tag}${prerelease ? "" : ` && git push --force ${opts.remote} ${major}`}.`;
process.stdout.write(
  `release: committed and tagged ${tag}${moved}${push ? `, pushed to ${opts.remote}` : ""}.${next} Then: npm publish${prerelease ? " --tag next" : ""}.\n`,
);
