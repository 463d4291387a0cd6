import { ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';

/** What body-parser, multer and friends throw (the http-errors convention). */
interface ClientError {
  status: number;
  expose: boolean;
  message: string;
}

const isClientError = (e: unknown): e is ClientError =>
  typeof e === 'object' &&
  e !== null &&
  (e as ClientError).expose === true &&
  Number.isInteger((e as ClientError).status) &&
  (e as ClientError).status >= 400 &&
  (e as ClientError).status < 500;

/**
 * A client's mistake caught before a controller — a body over the size limit (413), JSON that
 * does not parse (400), an unsupported charset (415) — is answered like any other HTTP error,
 * `{statusCode, message}`, and not logged with a stack trace as if the server had failed:
 * the fuzzer sends thousands of them. Everything else goes to Nest's own handling.
 */
@Catch()
export class ClientErrorFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof HttpException || !isClientError(exception) || host.getType() !== 'http')
      return super.catch(exception, host);
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(exception.status)
      .json({ statusCode: exception.status, message: exception.message });
  }
}
