import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { DonorPositionDto } from '../finance/donors.controller';
import { TodoService } from './todo.service';

class TodoItemDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true, example: 'MIG-2026-0005' }) reference: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) detail: string | null;
  @ApiProperty({ example: '/proposals/…' }) link: string;
}

class TodoSectionDto {
  @ApiProperty({ example: 'to-screen' }) key: string;
  @ApiProperty() title: string;
  @ApiProperty() count: number;
  @ApiProperty() link: string;
  @ApiProperty({ type: TodoItemDto, isArray: true }) items: TodoItemDto[];
}

class UpcomingMeetingDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2027-02-15' }) date: string;
  @ApiProperty() proposalCount: number;
  @ApiProperty() decisionCount: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() link: string;
}

export class TodoDto {
  @ApiProperty({ type: TodoSectionDto, isArray: true }) sections: TodoSectionDto[];
  @ApiPropertyOptional({ type: UpcomingMeetingDto, nullable: true })
  upcomingMeeting: UpcomingMeetingDto | null;
  @ApiPropertyOptional({ type: DonorPositionDto, nullable: true }) donorPosition: DonorPositionDto | null;
}

/** The home page's to-do list for the signed-in user. */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class TodoController {
  constructor(private readonly todo: TodoService) {}

  @Get('todo')
  @RequirePermission(Permission.PROFILE_READ)
  @ApiOperation({
    summary:
      'What waits for me, per role: drafts, returned proposals and results to report (focal point); proposals to screen, results to approve, failed report runs (FMU); reviews due (members); the upcoming meeting, pending decisions and pipeline programmes fundable now (chair); the donor’s own position (donor)',
  })
  @ApiOkResponse({ type: TodoDto })
  get(@CurrentUser() user: AuthUser) {
    return this.todo.todo(user);
  }
}
