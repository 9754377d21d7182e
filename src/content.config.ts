import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { chapterGuide } from './site/chapter-guide';

export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: '**/*.{md,mdx}', base: './content' }),
    schema: docsSchema({ extend: chapterGuide }),
  }),
};
