/** Query keys of the account feature. */
export const accountKeys = {
  all: ['account'] as const,
  profile: () => [...accountKeys.all, 'profile'] as const,
  tokens: () => [...accountKeys.all, 'tokens'] as const,
};
