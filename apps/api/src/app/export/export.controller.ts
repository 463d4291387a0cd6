import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import { CurrentResearcher } from '../auth/current-researcher.decorator';
import { ResearcherAuthGuard } from '../auth/researcher-auth.guard';
import { toCsv } from './csv';
import { EXPORT_TABLES, ExportService, ExportTable } from './export.service';

@ApiTags('export')
@ApiBearerAuth()
@UseGuards(ResearcherAuthGuard)
@Controller('studies/:studyId/export')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  /** One table of the study, tidy long format, as CSV (default) or JSON. */
  @Get(':table')
  @ApiQuery({ name: 'format', enum: ['csv', 'json'], required: false })
  async table(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('studyId', ParseUUIDPipe) studyId: string,
    @Param('table') table: string,
    @Query('format') format = 'csv',
    @Res() res: Response,
  ): Promise<void> {
    if (!(EXPORT_TABLES as readonly string[]).includes(table)) {
      throw new BadRequestException(`unknown table "${table.slice(0, 32)}"; one of ${EXPORT_TABLES.join(', ')}`);
    }
    if (format !== 'csv' && format !== 'json') throw new BadRequestException('format must be csv or json');
    const data = await this.exports.table(r, studyId, table as ExportTable);
    const name = `attune-${studyId.slice(0, 8)}-${table}.${format}`;
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    if (format === 'json') res.json(data.rows);
    else res.type('text/csv').send(toCsv(data.rows, data.columns));
  }
}
