import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { REFERENCE_ENTITIES } from './reference.entities';
import { ReferenceRepository } from './reference.repository';
import { ReferenceService } from './reference.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature(REFERENCE_ENTITIES)],
  providers: [ReferenceRepository, ReferenceService],
  exports: [ReferenceService],
})
export class ReferenceModule {}
