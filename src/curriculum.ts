/**
 * The order of the book. The sidebar, the landing page and the content tests
 * read it; a chapter is an MDX file `content/<slug>.mdx`.
 */
export interface ChapterRef {
  slug: string;
  part: 'Foundations' | 'Adaptive methods' | 'Practice' | 'Reference';
}

export const chapters: ChapterRef[] = [
  { slug: 'why-optimizers', part: 'Foundations' },
  { slug: 'gradient-descent', part: 'Foundations' },
  { slug: 'sgd', part: 'Foundations' },
  { slug: 'momentum', part: 'Foundations' },
  { slug: 'nesterov', part: 'Foundations' },
  { slug: 'adagrad', part: 'Adaptive methods' },
  { slug: 'rmsprop', part: 'Adaptive methods' },
  { slug: 'adadelta', part: 'Adaptive methods' },
  { slug: 'adam', part: 'Adaptive methods' },
  { slug: 'adam-family', part: 'Adaptive methods' },
  { slug: 'lion', part: 'Adaptive methods' },
  { slug: 'schedules', part: 'Practice' },
  { slug: 'clipping', part: 'Practice' },
  { slug: 'landscape', part: 'Practice' },
  { slug: 'lab', part: 'Practice' },
  { slug: 'choosing', part: 'Practice' },
  { slug: 'faq', part: 'Reference' },
  { slug: 'notation', part: 'Reference' },
];

export const parts = ['Foundations', 'Adaptive methods', 'Practice', 'Reference'] as const;
