import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OrganizationType } from '../roles';
import { Organization } from './organization.entity';

export interface OrganizationView {
  code: string;
  name: string;
  acronym: string | null;
  type: OrganizationType;
  countryCode: string | null;
}

@Injectable()
export class OrganizationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(type?: OrganizationType): Promise<OrganizationView[]> {
    const organizations = await this.dataSource.getRepository(Organization).find({
      where: { active: true, ...(type ? { type } : {}) },
      order: { code: 'ASC' },
    });
    return organizations.map(({ code, name, acronym, type: kind, countryCode }) => ({
      code,
      name,
      acronym,
      type: kind,
      countryCode,
    }));
  }
}
