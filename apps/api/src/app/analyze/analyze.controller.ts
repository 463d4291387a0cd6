import { Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ImageAnalysisDto } from './image-analysis.dto';
import { ImageAnalysisService } from './image-analysis.service';

/** Larger uploads are refused with 413 while streaming, before they are buffered whole. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** The part of multer's file the endpoint reads (memory storage). */
interface UploadedImage {
  buffer: Buffer;
}

@ApiTags('analyze')
@Controller('analyze')
export class AnalyzeController {
  constructor(private readonly images: ImageAnalysisService) {}

  /** Multipart field `image`: a JPEG or PNG up to 5 MB -> every face with its box and emotions. */
  @Post('image')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['image'], properties: { image: { type: 'string', format: 'binary' } } },
  })
  @ApiOkResponse({ description: 'every face, largest first: box (normalised and pixels), score, label, distribution' })
  @ApiResponse({ status: 413, description: 'larger than 5 MB' })
  @ApiResponse({ status: 415, description: 'the bytes are not a JPEG or PNG (whatever the declared type)' })
  @ApiResponse({ status: 422, description: 'no image, or a JPEG/PNG that does not decode' })
  @ApiResponse({ status: 503, description: 'face models unavailable' })
  @UseInterceptors(FileInterceptor('image', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  analyzeImage(@UploadedFile() file: UploadedImage | undefined): Promise<ImageAnalysisDto> {
    return this.images.analyze(file?.buffer);
  }
}
