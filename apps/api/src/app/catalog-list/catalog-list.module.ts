import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CatalogListController } from './catalog-list.controller';

@Module({ imports: [CatalogModule], controllers: [CatalogListController] })
export class CatalogListModule {}
