// One colour per optimizer in a race: distinguishable in light and dark themes (Tableau 10).
export const palette = ['#e15759', '#4e79a7', '#59a14f', '#f28e2b', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7'];
