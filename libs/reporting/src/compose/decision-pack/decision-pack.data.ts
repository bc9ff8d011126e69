import { Injectable } from '@nestjs/common';
import { DecisionPack, DecisionPackService, DecisionsService, DecisionView } from '@mptf/review';
import { ReferenceListsReader, ThematicAreaRef } from '@mptf/reference';
import { snapshotTime } from '../snapshot.sql';
import { ComposeContext } from '../report-composer';

/** Everything a meeting's decision pack shows, read in the run's one snapshot. */
export interface DecisionPackData {
  meetingId: string;
  snapshotAt: string;
  /** The pack of `GET /sc-meetings/:id/pack`, as the fund unit sees it. */
  pack: DecisionPack;
  /** The decisions recorded at the meeting so far. */
  decisions: DecisionView[];
  areas: ThematicAreaRef[];
}

/** Reads a decision pack's data from review's exports and the thematic areas from reference. */
@Injectable()
export class DecisionPackLoader {
  constructor(
    private readonly packs: DecisionPackService,
    private readonly decisions: DecisionsService,
    private readonly lists: ReferenceListsReader,
  ) {}

  async load(context: ComposeContext): Promise<DecisionPackData> {
    const { manager } = context;
    const meetingId = context.parameters.meetingId as string;
    const snapshotAt = await snapshotTime(manager);
    // The fund unit's full pack: reporting-access keeps DECISION_PACK runs to readers who see every review.
    const pack = await this.packs.pack(manager, meetingId, null);
    await context.progress(60);
    const decisions = await this.decisions.ofMeeting(meetingId, manager);
    const areas = await this.lists.thematicAreas(manager);
    await context.progress(80);
    return { meetingId, snapshotAt, pack, decisions, areas };
  }
}
