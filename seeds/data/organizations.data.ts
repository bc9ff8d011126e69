/**
 * United Nations system entities that may act as Participating UN Organizations (PUNOs) or
 * convening agencies for Migration MPTF joint programmes. `code` is a stable upper-case key
 * (no spaces or hyphens); `acronym` is the entity's own display form.
 */
export interface UnEntityRecord {
  code: string;
  name: string;
  acronym: string;
}

export const UN_ENTITIES: UnEntityRecord[] = [
  { code: 'IOM', name: 'International Organization for Migration', acronym: 'IOM' },
  { code: 'ILO', name: 'International Labour Organization', acronym: 'ILO' },
  { code: 'UNDP', name: 'United Nations Development Programme', acronym: 'UNDP' },
  { code: 'UNICEF', name: "United Nations Children's Fund", acronym: 'UNICEF' },
  {
    code: 'OHCHR',
    name: 'Office of the United Nations High Commissioner for Human Rights',
    acronym: 'OHCHR',
  },
  { code: 'UNHCR', name: 'Office of the United Nations High Commissioner for Refugees', acronym: 'UNHCR' },
  { code: 'UNODC', name: 'United Nations Office on Drugs and Crime', acronym: 'UNODC' },
  {
    code: 'UNWOMEN',
    name: 'United Nations Entity for Gender Equality and the Empowerment of Women',
    acronym: 'UN Women',
  },
  { code: 'UNFPA', name: 'United Nations Population Fund', acronym: 'UNFPA' },
  { code: 'WHO', name: 'World Health Organization', acronym: 'WHO' },
  { code: 'UNHABITAT', name: 'United Nations Human Settlements Programme', acronym: 'UN-Habitat' },
  { code: 'WFP', name: 'World Food Programme', acronym: 'WFP' },
  { code: 'IFAD', name: 'International Fund for Agricultural Development', acronym: 'IFAD' },
  { code: 'UNDESA', name: 'United Nations Department of Economic and Social Affairs', acronym: 'UN DESA' },
  { code: 'UNAIDS', name: 'Joint United Nations Programme on HIV/AIDS', acronym: 'UNAIDS' },
  { code: 'FAO', name: 'Food and Agriculture Organization of the United Nations', acronym: 'FAO' },
  {
    code: 'UNESCO',
    name: 'United Nations Educational, Scientific and Cultural Organization',
    acronym: 'UNESCO',
  },
  { code: 'UNEP', name: 'United Nations Environment Programme', acronym: 'UNEP' },
  { code: 'UNCTAD', name: 'United Nations Conference on Trade and Development', acronym: 'UNCTAD' },
  { code: 'UNOPS', name: 'United Nations Office for Project Services', acronym: 'UNOPS' },
  { code: 'UNITAR', name: 'United Nations Institute for Training and Research', acronym: 'UNITAR' },
  {
    code: 'UNRWA',
    name: 'United Nations Relief and Works Agency for Palestine Refugees in the Near East',
    acronym: 'UNRWA',
  },
  { code: 'ITC', name: 'International Trade Centre', acronym: 'ITC' },
  { code: 'ECA', name: 'Economic Commission for Africa', acronym: 'ECA' },
  { code: 'ECLAC', name: 'Economic Commission for Latin America and the Caribbean', acronym: 'ECLAC' },
  { code: 'ESCAP', name: 'Economic and Social Commission for Asia and the Pacific', acronym: 'ESCAP' },
  { code: 'ESCWA', name: 'Economic and Social Commission for Western Asia', acronym: 'ESCWA' },
  { code: 'ECE', name: 'Economic Commission for Europe', acronym: 'UNECE' },
  {
    code: 'UNICRI',
    name: 'United Nations Interregional Crime and Justice Research Institute',
    acronym: 'UNICRI',
  },
  { code: 'UNIDO', name: 'United Nations Industrial Development Organization', acronym: 'UNIDO' },
  { code: 'UNV', name: 'United Nations Volunteers programme', acronym: 'UNV' },
  { code: 'WMO', name: 'World Meteorological Organization', acronym: 'WMO' },
  { code: 'ITU', name: 'International Telecommunication Union', acronym: 'ITU' },
  { code: 'UPU', name: 'Universal Postal Union', acronym: 'UPU' },
  { code: 'OCHA', name: 'Office for the Coordination of Humanitarian Affairs', acronym: 'OCHA' },
  { code: 'UNDRR', name: 'United Nations Office for Disaster Risk Reduction', acronym: 'UNDRR' },
  {
    code: 'UNFCCC',
    name: 'United Nations Framework Convention on Climate Change secretariat',
    acronym: 'UNFCCC',
  },
  {
    code: 'UNCCD',
    name: 'United Nations Convention to Combat Desertification secretariat',
    acronym: 'UNCCD',
  },
  { code: 'UNCDF', name: 'United Nations Capital Development Fund', acronym: 'UNCDF' },
  { code: 'UNU', name: 'United Nations University', acronym: 'UNU' },
  { code: 'UNSSC', name: 'United Nations System Staff College', acronym: 'UNSSC' },
  { code: 'UNRISD', name: 'United Nations Research Institute for Social Development', acronym: 'UNRISD' },
  { code: 'UNOCT', name: 'United Nations Office of Counter-Terrorism', acronym: 'UNOCT' },
  { code: 'DCO', name: 'United Nations Development Coordination Office', acronym: 'DCO' },
  { code: 'DPPA', name: 'Department of Political and Peacebuilding Affairs', acronym: 'DPPA' },
  { code: 'ICAO', name: 'International Civil Aviation Organization', acronym: 'ICAO' },
  { code: 'IMO', name: 'International Maritime Organization', acronym: 'IMO' },
  { code: 'WIPO', name: 'World Intellectual Property Organization', acronym: 'WIPO' },
  { code: 'UNWTO', name: 'World Tourism Organization', acronym: 'UN Tourism' },
];
