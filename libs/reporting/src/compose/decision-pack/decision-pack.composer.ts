import { Injectable } from '@nestjs/common';
import { ReportType } from '../../runs/report-types';
import { asOfLabel } from '../compose-helpers';
import { buildSections, ComposeContext, ComposedReport, ReportComposer } from '../report-composer';
import { DecisionPackLoader } from './decision-pack.data';
import { DECISION_PACK_SECTIONS } from './decision-pack.sections';

/**
 * DECISION_PACK: the pack of `GET /sc-meetings/:id/pack` (DecisionPackService, read in the run's
 * snapshot): the agenda's proposals side by side, the portfolio balance now and if each were
 * approved, the funds available, and the decisions once the chair has recorded them.
 */
@Injectable()
export class DecisionPackComposer implements ReportComposer {
  readonly type = ReportType.DECISION_PACK;

  constructor(private readonly loader: DecisionPackLoader) {}

  async compose(context: ComposeContext): Promise<ComposedReport> {
    const data = await this.loader.load(context);
    const { pack, meetingId } = data;
    return {
      document: {
        title: 'Steering Committee decision pack',
        subtitle: `${pack.meeting.title} · ${pack.meeting.date}`,
        subject: `Decision pack for the Steering Committee meeting of ${pack.meeting.date}`,
        keywords: ['Migration MPTF', 'Steering Committee', 'decision pack', pack.meeting.date],
        metadata: [
          { label: 'Meeting', value: pack.meeting.title },
          { label: 'Date', value: pack.meeting.date },
          { label: 'Proposals', value: pack.proposals.map((p) => p.reference).join(', ') || 'None' },
          { label: 'Figures as of', value: `${pack.asOf.slice(0, 16).replace('T', ' ')} UTC (agenda set)` },
          { label: 'Generated', value: asOfLabel(data.snapshotAt) },
        ],
        sections: buildSections(data, DECISION_PACK_SECTIONS),
      },
      snapshotAt: data.snapshotAt,
      rowCounts: {
        proposals: pack.proposals.length,
        decisions: data.decisions.length,
        thematicAreas: data.areas.length,
      },
      inputs: {
        meetingId,
        availableFunds: pack.availableFunds,
        allocatedTotal: pack.allocatedTotal,
        asOf: pack.asOf,
        keptAt: pack.keptAt,
        sources: [`/sc-meetings/${meetingId}/pack`],
      },
      omittedSections: [],
      fileStem: `decision-pack-${pack.meeting.date}`,
    };
  }
}
