import { attachmentDisposition } from './content-disposition';

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name, RFC 8187-encoded', () => {
    expect(attachmentDisposition('résumé (final).pdf')).toBe(
      `attachment; filename="r_sum_ (final).pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%28final%29.pdf`,
    );
    expect(attachmentDisposition(`it's "x".csv`)).toBe(
      `attachment; filename="it's _x_.csv"; filename*=UTF-8''it%27s%20%22x%22.csv`,
    );
  });
});
