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
  { slug: 'preconditioning', part: 'Frontier' },
  { slug: 'muon', part: 'Frontier', exercises: ['muon'] },
  { slug: 'large-batches', part: 'Frontier', exercises: ['lars', 'lamb'] },
  { slug: 'adafactor', part: 'Frontier', exercises: ['adafactor'] },
  { slug: 'schedule-free', part: 'Frontier', exercises: ['schedule-free-adamw'] },
  { slug: 'sharpness', part: 'Frontier' },
  { slug: 'schedules', part: 'Practice' },
  { slug: 'clipping', part: 'Practice' },
  { slug: 'landscape', part: 'Practice' },
  { slug: 'lab', part: 'Practice' },
  { slug: 'choosing', part: 'Practice' },
  { slug: 'faq', part: 'Reference' },
  { slug: 'notation', part: 'Reference' },
  { slug: 'cheat-sheet', part: 'Reference' },
  { slug: 'assignments', part: 'Reference' },
];

export const parts = ['Foundations', 'Adaptive methods', 'Frontier', 'Practice', 'Reference'] as const;

/** A way through the book for a course: chapters week by week. */
export interface CoursePath {
  id: string;
  title: string;
  summary: string;
  weeks: { title: string; chapters: string[] }[];
}

/** The Frontier part's chapters, in the curriculum's order, split into its first and second half. */
const frontier = chapters.filter((c) => c.part === 'Frontier').map((c) => c.slug);
const frontierHalf = Math.ceil(frontier.length / 2);

/**
 * The two paths the landing page offers. The core runs from why optimizers
 * are needed to Adam and AdamW, schedules and choosing; the full course reads
 * every chapter outside the Reference part once, the Frontier part included
 * (taken from the curriculum, so that its chapters join the course as they
 * are listed above). The content tests check both against the curriculum.
 */
export const coursePaths: CoursePath[] = [
  {
    id: 'core',
    title: 'Core: three weeks',
    summary: 'From a single gradient step to Adam and AdamW, schedules, and choosing an optimizer for a real job.',
    weeks: [
      { title: 'Training as minimisation', chapters: ['why-optimizers', 'gradient-descent', 'sgd', 'momentum'] },
      { title: 'Adam and AdamW', chapters: ['adagrad', 'rmsprop', 'adam', 'adam-family'] },
      { title: 'Schedules and choosing', chapters: ['schedules', 'clipping', 'choosing'] },
    ],
  },
  {
    id: 'full',
    title: 'Full course: six weeks',
    summary: 'Every chapter, from gradient descent to the frontier: preconditioning, Muon, large batches, Adafactor, schedule-free training and sharpness.',
    weeks: [
      { title: 'Foundations', chapters: ['why-optimizers', 'gradient-descent', 'sgd'] },
      { title: 'Momentum and per-parameter steps', chapters: ['momentum', 'nesterov', 'adagrad', 'rmsprop'] },
      { title: 'Adam and its relatives', chapters: ['adadelta', 'adam', 'adam-family', 'lion'] },
      { title: 'Schedules and clipping', chapters: ['schedules', 'clipping'] },
      { title: 'The landscape, and the frontier', chapters: ['landscape', ...frontier.slice(0, frontierHalf)] },
      { title: 'The frontier, and choosing', chapters: [...frontier.slice(frontierHalf), 'lab', 'choosing'] },
    ],
  },
];
