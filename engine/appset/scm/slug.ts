// The `branch_slug` and `target_branch_slug` of the pullRequest generator: gosimple/slug's Make as
// Argo CD configures it (at most 50 characters, `_` made `-`): trimmed, `&` and `@` spelled out,
// accents dropped, lower case, anything but `a-z0-9-_` a dash, dashes collapsed and trimmed, then
// cut at the last dash within the limit. gosimple transliterates other scripts (unidecode); here
// their letters become dashes.
const MAX_LENGTH = 50;
const SPELLED: Record<string, string> = { '&': 'and', '@': 'at' };

function smartTruncate(text: string): string {
  if (text.length <= MAX_LENGTH) return text;
  for (let index = MAX_LENGTH; index >= 0; index--) if (text[index] === '-') return text.slice(0, index);
  return text.slice(0, MAX_LENGTH);
}

export function slugOf(text: string): string {
  const spelled = [...text.trim().replaceAll('_', '-')].map((char) => SPELLED[char] ?? char).join('');
  const ascii = spelled.normalize('NFKD').replace(/\p{M}/gu, '');
  const slug = ascii
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  return smartTruncate(slug);
}
