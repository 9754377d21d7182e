import { z } from 'astro/zod';

/**
 * The reading guide a chapter's front matter carries, added to Starlight's
 * docs schema (src/content.config.ts): what the reader will be able to do
 * afterwards, and which chapters to read first. Pages outside the curriculum
 * (the landing page, Exercises, Progress) leave both out.
 */
export const chapterGuide = z.object({
  /** 3–5 plain-text objectives, each finishing "In this chapter you will…". */
  objectives: z.array(z.string().min(1)).min(3).max(5).optional(),
  /** Slugs of earlier chapters (src/curriculum.ts) to read first; may be empty. */
  prerequisites: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)).default([]),
});

export type ChapterGuide = z.infer<typeof chapterGuide>;
