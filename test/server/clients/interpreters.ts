import { execFileSync } from "node:child_process";

/**
 * The Python interpreters on this machine that have boto3 (on PATH, and Debian's own, which
 * CI installs python3-boto3 into), each once, with its boto3 version.
 */
export function pythonsWithBoto3(): Array<{ python: string; boto3: string }> {
  const found = new Map<string, { python: string; boto3: string }>();
  for (const python of ["python3", "/usr/bin/python3"]) {
    try {
      const out = execFileSync(python, ["-c", "import sys, boto3; print(sys.executable); print(boto3.__version__)"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      const [executable = python, version = "?"] = out.trim().split("\n");
      if (!found.has(executable)) found.set(executable, { python, boto3: version });
    } catch {
      // no such interpreter, or no boto3 in it
    }
  }
  return [...found.values()];
}

/** The AWS CLI on PATH and its version line ("aws-cli/2.15.0 Python/…"), if any. */
export function awsCli(): string | undefined {
  try {
    return execFileSync("aws", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim() || undefined;
  } catch {
    return undefined;
  }
}
