/**
 * The order of the book. The sidebar, the landing page and the content tests
 * read it; a chapter is an MDX file `content/<slug>.mdx`.
 */
export interface ChapterRef {
  slug: string;
  part: 'Foundations' | 'Adaptive methods' | 'Frontier' | 'Practice' | 'Reference';
  exercises?: string[]; // optimizer ids of the exercises at the chapter's end
}

export const chapters: ChapterRef[] = [
  { slug: 'why-optimizers', part: 'Foundations' },
  { slug: 'gradient-descent', part: 'Foundations' },
  { slug: 'sgd', part: 'Foundations', exercises: ['sgd'] },
  { slug: 'momentum', part: 'Foundations', exercises: ['momentum'] },
  { slug: 'nesterov', part: 'Foundations', exercises: ['nesterov'] },
  { slug: 'adagrad', part: 'Adaptive methods', exercises: ['adagrad'] },
  { slug: 'rmsprop', part: 'Adaptive methods', exercises: ['rmsprop'] },
  { slug: 'adadelta', part: 'Adaptive methods', exercises: ['adadelta'] },
  { slug: 'adam', part: 'Adaptive methods', exercises: ['adam'] },
  { slug: 'adam-family', part: 'Adaptive methods', exercises: ['adamw', 'amsgrad', 'adamax', 'nadam', 'radam'] },
  { slug: 'lion', part: 'Adaptive methods', exercises: ['lion'] },
  { slug: 'adafactor', part: 'Frontier' },
  { slug: 'schedule-free', part: 'Frontier' },
  { slug: 'schedules', part: 'Practice' },
  { slug: 'clipping', part: 'Practice' },
  { slug: 'landscape', part: 'Practice' },
  { slug: 'lab', part: 'Practice' },
  { slug: 'choosing', part: 'Practice' },
  { slug: 'faq', part: 'Reference' },
  { slug: 'notation', part: 'Reference' },
];

export const parts = ['Foundations', 'Adaptive methods', 'Frontier', 'Practice', 'Reference'] as const;
