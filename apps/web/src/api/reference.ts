import { useQueries } from '@tanstack/react-query';
import { referenceQueries } from './queries/reference';

/** Reference data every screen uses: loaded once, kept for the session. */
export function useReference() {
  const [areas, objectives, categories, countries, organizations, settings, criteria] = useQueries({
    queries: [
      referenceQueries.areas(),
      referenceQueries.objectives(),
      referenceQueries.categories(),
      referenceQueries.countries(),
      referenceQueries.organizations(),
      referenceQueries.settings(),
      referenceQueries.criteria(),
    ],
  });
  const all = [areas, objectives, categories, countries, organizations, settings, criteria];
  const byCode = <T extends { code: string | number }>(list: T[] | undefined) =>
    new Map((list ?? []).map((item) => [String(item.code), item]));
  const areaMap = byCode(areas.data);
  const objectiveMap = byCode(objectives.data);
  const countryMap = byCode(countries.data);
  const orgMap = byCode(organizations.data);
  const areaShort = (code: number | string) =>
    areaMap.get(String(code))?.shortTitle ?? `Thematic area ${code}`;
  return {
    isLoading: all.some((q) => q.isLoading),
    error: all.find((q) => q.error)?.error ?? null,
    refetch: () => all.forEach((q) => void q.refetch()),
    areas: areas.data ?? [],
    objectives: objectives.data ?? [],
    categories: categories.data ?? [],
    countries: countries.data ?? [],
    organizations: organizations.data ?? [],
    settings: settings.data,
    criteria: criteria.data ?? [],
    areaTitle: (code: number | string | null | undefined) =>
      code === null || code === undefined
        ? '—'
        : (areaMap.get(String(code))?.title ?? `Thematic area ${code}`),
    /** The area's short name ("Protection"), for tables and charts where the full title is too long. */
    areaShort,
    /** The area as lists name it: its code and short name ("TA2 · Protection"), never the code alone. */
    areaLabel: (code: number | string | null | undefined) =>
      code === null || code === undefined ? '—' : `TA${code} · ${areaShort(code)}`,
    objectiveTitle: (code: number | string) => objectiveMap.get(String(code))?.title ?? `Objective ${code}`,
    countryName: (code: string) => countryMap.get(code)?.name ?? code,
    countryRegion: (code: string) => countryMap.get(code)?.region ?? null,
    orgName: (code: string) => orgMap.get(code)?.name ?? code,
  };
}

export type Reference = ReturnType<typeof useReference>;
