export const searchKeys = {
  all: ['search'] as const,
  preview: (q: string) => [...searchKeys.all, 'preview', q] as const,
  pages: (q: string) => [...searchKeys.all, 'pages', q] as const,
};
