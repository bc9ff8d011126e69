import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Failed logins, kept in PostgreSQL so throttling holds across API replicas. */
@Entity('login_attempts')
export class LoginAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  attemptedAt: Date;
}
