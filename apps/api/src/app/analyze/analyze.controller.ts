import { Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { ImageAnalysisDto } from './image-analysis.dto';
import { ImageAnalysisService } from './image-analysis.service';

/** Larger uploads are refused with 413 while streaming, before they are buffered whole. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** The part of multer's file the endpoint reads (memory storage). */
interface UploadedImage {
  buffer: Buffer;
}

@Controller('analyze')
export class AnalyzeController {
  constructor(private readonly images: ImageAnalysisService) {}

  /** Multipart field `image`: a JPEG or PNG up to 5 MB -> every face with its box and emotions. */
  @Post('image')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('image', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  analyzeImage(@UploadedFile() file: UploadedImage | undefined): Promise<ImageAnalysisDto> {
    return this.images.analyze(file?.buffer);
  }
}
