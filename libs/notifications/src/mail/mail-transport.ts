import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@mptf/platform';
import { createTransport } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** What an SMTP server answered when it refused a message (nodemailer's error fields). */
export interface SmtpRefusal {
  /** The SMTP reply code (e.g. 550), when the server answered; absent for network errors. */
  responseCode?: number;
  response?: string;
  message: string;
}

/** A refusal the server means for good (5xx): retrying cannot help, the address bounced. */
export function isPermanentRefusal(error: SmtpRefusal): boolean {
  return typeof error.responseCode === 'number' && error.responseCode >= 500 && error.responseCode < 600;
}

/** The SMTP connection of SMTP_URL (made on first use; the API never sends). */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transport?: ReturnType<typeof createTransport>;

  constructor(private readonly config: AppConfig) {}

  /** Whether mail goes to an SMTP server; otherwise it is kept in the outbox. */
  get configured(): boolean {
    return this.config.mailMode === 'smtp';
  }

  async send(mail: OutgoingMail): Promise<void> {
    this.transport ??= createTransport(this.config.env.SMTP_URL as string);
    await this.transport.sendMail({ from: this.config.env.MAIL_FROM, ...mail });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = undefined;
  }
}
