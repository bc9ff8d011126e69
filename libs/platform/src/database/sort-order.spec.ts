import { ValidationError } from '../errors/domain-error';
import { orderByOf } from './sort-order';

const columns = { reference: 'p.reference', title: 'lower(p.title)' };

describe('orderByOf', () => {
  it('reads field, -field and several comma-separated', () => {
    expect(orderByOf('title,-reference', columns)).toEqual(['lower(p.title) ASC', 'p.reference DESC']);
    expect(orderByOf(undefined, columns)).toEqual([]);
    expect(orderByOf(' ', columns)).toEqual([]);
  });

  it('refuses an unknown field with a 400 naming it and the sortable ones', () => {
    expect(() => orderByOf('reference,-budget', columns)).toThrow(ValidationError);
    try {
      orderByOf('-budget', columns);
    } catch (error) {
      expect((error as ValidationError).details).toEqual([
        { field: 'sort', message: 'cannot sort by "budget": sortable fields are reference, title' },
      ]);
    }
    expect(() => orderByOf('constructor', columns)).toThrow(ValidationError);
  });
});
