import { COUNTRIES, CountryRecord } from './countries.data';

const byCode = (code: string): CountryRecord => {
  const country = COUNTRIES.find((c) => c.code === code);
  if (!country) throw new Error(`Country ${code} not found`);
  return country;
};

describe('COUNTRIES reference data', () => {
  it('contains all 249 ISO 3166-1 entries', () => {
    expect(COUNTRIES).toHaveLength(249);
  });

  it('has unique three-letter upper-case alpha-3 codes', () => {
    for (const c of COUNTRIES) expect(c.code).toMatch(/^[A-Z]{3}$/);
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(COUNTRIES.length);
  });

  it('has unique two-letter upper-case alpha-2 codes', () => {
    for (const c of COUNTRIES) expect(c.alpha2).toMatch(/^[A-Z]{2}$/);
    expect(new Set(COUNTRIES.map((c) => c.alpha2)).size).toBe(COUNTRIES.length);
  });

  it('marks exactly the 193 UN Member States', () => {
    expect(COUNTRIES.filter((c) => c.unMember)).toHaveLength(193);
    for (const code of ['PSE', 'VAT', 'TWN', 'PRI', 'GRL', 'ATA', 'HKG'])
      expect(byCode(code).unMember).toBe(false);
    for (const code of ['SSD', 'MNE', 'TLS', 'CHE', 'PRK', 'KOR']) expect(byCode(code).unMember).toBe(true);
  });

  it('gives every entry a name, region and sub-region, and a three-digit region code', () => {
    for (const c of COUNTRIES) {
      expect(c.name.trim()).not.toBe('');
      expect(c.region.trim()).not.toBe('');
      expect(c.subRegion.trim()).not.toBe('');
      expect(c.regionCode).toMatch(/^\d{3}$/);
    }
  });

  it('uses a consistent region code for each region', () => {
    const expected: Record<string, string> = {
      Africa: '002',
      Americas: '019',
      Asia: '142',
      Europe: '150',
      Oceania: '009',
      Antarctica: '000',
    };
    for (const c of COUNTRIES) expect(c.regionCode).toBe(expected[c.region]);
  });

  it('is sorted by name', () => {
    const names = COUNTRIES.map((c) => c.name);
    const sorted = [...names].sort((a, b) => a.localeCompare(b, 'en'));
    expect(names).toEqual(sorted);
  });

  it('matches spot checks', () => {
    expect(byCode('DEU')).toMatchObject({ alpha2: 'DE', region: 'Europe', subRegion: 'Western Europe' });
    expect(byCode('MEX')).toMatchObject({
      alpha2: 'MX',
      region: 'Americas',
      regionCode: '019',
      subRegion: 'Latin America and the Caribbean',
    });
    expect(byCode('CIV').name).toContain('ô');
    expect(byCode('TUR')).toMatchObject({ name: 'Türkiye', region: 'Asia', subRegion: 'Western Asia' });
    expect(byCode('AUS')).toMatchObject({ region: 'Oceania', regionCode: '009' });
    expect(byCode('EGY')).toMatchObject({
      region: 'Africa',
      regionCode: '002',
      subRegion: 'Northern Africa',
    });
    expect(byCode('USA')).toMatchObject({ region: 'Americas', subRegion: 'Northern America' });
    expect(byCode('ATA')).toMatchObject({ region: 'Antarctica', regionCode: '000', subRegion: 'Antarctica' });
  });
});
