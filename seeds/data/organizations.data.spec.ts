import { UN_IATI_ORG_REFS } from '@mptf/results';
import { UN_ENTITIES } from './organizations.data';

/**
 * UN entities without a channel code of their own in the OECD CRS list (so no XM-DAC identifier
 * we could verify): the IATI export names them without a ref rather than with a guessed one.
 */
const WITHOUT_IATI_IDENTIFIER = ['UNICRI', 'ICAO', 'IMO'];

describe('UN entities in the reference data', () => {
  it('gives every UN entity its IATI organisation identifier, but the few that have none', () => {
    const missing = UN_ENTITIES.map((entity) => entity.code).filter(
      (code) => !UN_IATI_ORG_REFS[code] && !WITHOUT_IATI_IDENTIFIER.includes(code),
    );
    expect(missing).toEqual([]);
    for (const entity of UN_ENTITIES.filter((e) => UN_IATI_ORG_REFS[e.code]))
      expect({ code: entity.code, ref: UN_IATI_ORG_REFS[entity.code] }).toEqual({
        code: entity.code,
        ref: expect.stringMatching(/^XM-DAC-(\d{3,5}|41AAA)$/),
      });
  });
});
