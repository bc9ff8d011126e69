/**
 * The IATI Standard's rules beyond the schema that matter for this export (RULES.md beside the
 * XSDs): budget periods of a year at most, no transaction or actual date in the future,
 * percentages of recipient countries and of sectors summing to 100, every UN participating
 * organisation with its identifier. Returns the broken rules, one line each.
 */
export function checkIatiRules(xml: string, today: string): string[] {
  const problems: string[] = [];
  for (const activity of xml.match(/<iati-activity [\s\S]*?<\/iati-activity>/g) ?? []) {
    const id = /<iati-identifier>([^<]*)</.exec(activity)?.[1] ?? '?';
    for (const budget of activity.match(/<budget [\s\S]*?<\/budget>/g) ?? []) {
      const start = /<period-start iso-date="([^"]+)"/.exec(budget)![1];
      const end = /<period-end iso-date="([^"]+)"/.exec(budget)![1];
      const limit = new Date(`${start}T00:00:00Z`);
      limit.setUTCFullYear(limit.getUTCFullYear() + 1);
      if (!(start <= end && new Date(`${end}T00:00:00Z`) < limit))
        problems.push(`${id}: budget ${start}..${end} is longer than a year`);
    }
    for (const [, date] of activity.matchAll(/<transaction-date iso-date="([^"]+)"/g))
      if (date > today) problems.push(`${id}: transaction dated ${date}, in the future`);
    for (const [, date] of activity.matchAll(/value-date="([^"]+)"/g))
      if (date > today && !activity.includes(`<period-start iso-date="${date}"`))
        problems.push(`${id}: value dated ${date}, in the future`);
    for (const [, type, date] of activity.matchAll(/<activity-date type="([24])" iso-date="([^"]+)"/g))
      if (date > today) problems.push(`${id}: actual date (type ${type}) ${date} in the future`);
    const countries = [...activity.matchAll(/<recipient-country code="[A-Z]+"(?: percentage="([\d.]+)")?/g)];
    if (countries.length > 1) {
      const sum = countries.reduce(
        (total, [, percentage]) => total + Math.round(Number(percentage) * 100),
        0,
      );
      if (sum !== 10000) problems.push(`${id}: country percentages sum to ${sum / 100}`);
    }
    const sectors = [...activity.matchAll(/<sector vocabulary="1" code="\d+" percentage="([\d.]+)"/g)];
    const sectorSum = sectors.reduce(
      (total, [, percentage]) => total + Math.round(Number(percentage) * 100),
      0,
    );
    if (sectors.length && sectorSum !== 10000)
      problems.push(`${id}: sector percentages sum to ${sectorSum / 100}`);
    for (const [, attrs] of activity.matchAll(/<participating-org([^>]*)>/g))
      if (/type="40"/.test(attrs) && !/ref="[^"]+"/.test(attrs))
        problems.push(`${id}: a UN participating-org without ref`);
    for (const [, ref] of activity.matchAll(/ref="([^"]*)"/g))
      if (/[/&|?]/.test(ref)) problems.push(`${id}: identifier ${ref} contains / & | or ?`);
  }
  return problems;
}
