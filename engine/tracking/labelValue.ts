// Argo CD's TruncateLabel: a label value holds 63 characters; a longer one is cut there and
// then loses trailing characters until it ends with a letter or digit, as a label value must.
// A value of 63 or fewer is returned as it is (Kubernetes judges it).
export const LABEL_MAX_LENGTH = 63;
const OK_END = /[a-zA-Z0-9]$/;

export function truncateLabel(value: string): string {
  if (value.length <= LABEL_MAX_LENGTH) return value;
  let cut = value.slice(0, LABEL_MAX_LENGTH);
  while (!OK_END.test(cut)) {
    if (cut.length <= 1)
      throw new Error(`unable to truncate label ${value} to not end with a special character`);
    cut = cut.slice(0, -1);
  }
  return cut;
}
