import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '@mptf/identity';
import { CurrentUser, Permission, RequirePermission } from '@mptf/identity';
import { ValidationError } from '@mptf/platform';
import { ACCEPTED_TYPES, DocumentKind, ProposalDocumentsService } from '@mptf/proposals';
import { UploadDocumentDto } from './proposal.dto';
import { DocumentDto } from './proposal-responses.dto';
import { attachmentDisposition } from '../common/content-disposition';
import { ApiFileResponse } from '../common/file-response';
import { ParseIdPipe } from '../common/parse-id.pipe';

const uuid = new ParseIdPipe();

@ApiTags('proposals')
@ApiBearerAuth()
@Controller('proposals/:id/documents')
export class ProposalDocumentsController {
  constructor(private readonly documents: ProposalDocumentsService) {}

  @Post()
  @RequirePermission(Permission.PROPOSAL_UPDATE)
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary: 'Attach a PDF, DOCX or XLSX (type checked by content; size-limited by MAX_UPLOAD_BYTES)',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        kind: { type: 'string', enum: Object.values(DocumentKind) },
      },
    },
  })
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a PDF, DOCX or XLSX' })
  @ApiPayloadTooLargeResponse({ description: 'Larger than MAX_UPLOAD_BYTES' })
  upload(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: UploadDocumentDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ) {
    if (!file) throw ValidationError.field('file', 'is required (multipart field "file")');
    return this.documents.upload(user, id, {
      kind: body.kind ?? DocumentKind.OTHER,
      filename: file.originalname,
      content: file.buffer,
    });
  }

  @Get()
  @RequirePermission(Permission.PROPOSAL_READ)
  @ApiOkResponse({ type: DocumentDto, isArray: true })
  list(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.documents.list(user, id);
  }

  @Get(':documentId')
  @RequirePermission(Permission.PROPOSAL_READ)
  @ApiOperation({ summary: 'Download the file (for those who may see the proposal)' })
  @ApiFileResponse('The file as uploaded', ...Object.values(ACCEPTED_TYPES).map((type) => type.contentType))
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('documentId', uuid) documentId: string,
  ): Promise<StreamableFile> {
    const { document, content } = await this.documents.download(user, id, documentId);
    return new StreamableFile(content, {
      type: document.contentType,
      length: document.bytes,
      disposition: attachmentDisposition(document.filename),
    });
  }

  @Delete(':documentId')
  @HttpCode(204)
  @RequirePermission(Permission.PROPOSAL_UPDATE)
  @ApiOperation({ summary: 'Remove a document added since the last submission' })
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('documentId', uuid) documentId: string,
  ): Promise<void> {
    await this.documents.remove(user, id, documentId);
  }
}
