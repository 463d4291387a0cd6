import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EdgeFaceModelDto } from './edge-model.dto';
import { EdgeFileRole, EdgeModelService } from './edge-model.service';

/** Public, like the web app itself: the participant's browser downloads the models it runs in edge mode. */
@ApiTags('edge-model')
@Controller('edge-model')
export class EdgeModelController {
  constructor(private readonly models: EdgeModelService) {}

  @Get()
  @ApiOkResponse({ type: EdgeFaceModelDto })
  describe(): Promise<EdgeFaceModelDto> {
    return this.models.describe();
  }

  @Get('files/:role/:name')
  async file(@Param('role') role: EdgeFileRole, @Param('name') name: string, @Res() res: Response): Promise<void> {
    const path = await this.models.filePath(role, name);
    res.sendFile(path, { dotfiles: 'deny', maxAge: '1h' });
  }
}
