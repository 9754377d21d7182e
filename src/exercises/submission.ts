/**
 * What "Download submission" saves: the code, who wrote it and the page's
 * verdict, with a SHA-256 of the code so that the grader can tell a file
 * edited after download (scripts/grade/report.mjs reads it).
 */
import type { CheckResult } from './check';

export interface Submission {
  exercise: string;
  /** The student's name or id as typed, or '' when none was given. */
  student: string;
  code: string;
  results: CheckResult | { passed: false; summary: string } | null;
  timestamp: string;
  /** Absent where the page could not hash (crypto.subtle needs a secure context). */
  sha256?: string;
}

/** A name as it may appear in a file name: ASCII letters, digits, `-` and `_` (accents dropped, spaces as `-`). */
export function fileSafe(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^A-Za-z0-9_-]/g, '')
    .slice(0, 40);
}

/** `descent-adam-jdoe.json`, or `descent-adam-submission.json` without a usable name. */
export function submissionFileName(exercise: string, student: string): string {
  return `descent-${fileSafe(exercise)}-${fileSafe(student) || 'submission'}.json`;
}
