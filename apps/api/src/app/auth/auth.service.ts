import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { compare, hash } from 'bcryptjs';
import { DataSource, LessThan, Repository } from 'typeorm';
import { AuthToken, Researcher, ResearcherRole } from '@attune/persistence';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LoginThrottle } from './login-throttle';

const BCRYPT_COST = 12;
/** Compared against when the e-mail is unknown, so a miss costs as long as a wrong password. */
const DUMMY_HASH = '$2b$12$ifrk0wjkuYwnbCyN/.RBpu0OBf1xK8pMODO4WcZ0ogNTs.iSgxaG.';

export interface AuthenticatedResearcher {
  id: string;
  email: string;
  role: ResearcherRole;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
  researcher: AuthenticatedResearcher;
}

/** Too many failed sign-ins for this account or from this address: try again after `retryAfterMs`. */
export class LoginLockedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`too many failed sign-ins; try again in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Researcher accounts: bcrypt passwords, opaque bearer tokens stored only as hashes, expiry. */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);
  private readonly researchers: Repository<Researcher>;
  private readonly tokens: Repository<AuthToken>;
  private readonly throttle = new LoginThrottle();

  constructor(
    db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.researchers = db.getRepository(Researcher);
    this.tokens = db.getRepository(AuthToken);
  }

  /** First start: create the admin from ATTUNE_ADMIN_PASSWORD, or print a one-time password once. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.researchers.count()) > 0) return;
    const generated = !this.config.adminPassword;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    await this.createResearcher(this.config.adminEmail, password, 'admin');
    if (generated) {
      this.logger.warn(
        `created admin ${this.config.adminEmail} with one-time password ${password} — it is not shown again; ` +
          'set ATTUNE_ADMIN_PASSWORD to choose it',
      );
    } else {
      this.logger.log(`created admin ${this.config.adminEmail} from ATTUNE_ADMIN_PASSWORD`);
    }
  }

  async createResearcher(email: string, password: string, role: ResearcherRole): Promise<AuthenticatedResearcher> {
    const row = await this.researchers.save({
      id: randomUUID(),
      email: email.toLowerCase(),
      passwordHash: await hash(password, BCRYPT_COST),
      role,
      createdAt: new Date(),
    });
    return { id: row.id, email: row.email, role: row.role };
  }

  /**
   * A new token for valid credentials, null otherwise (the caller says 401 without saying which
   * part was wrong). @throws LoginLockedError while the account or the address is locked out.
   */
  async login(email: string, password: string, address = 'unknown'): Promise<IssuedToken | null> {
    const wait = this.throttle.retryAfterMs(email, address);
    if (wait > 0) throw new LoginLockedError(wait);
    const researcher = await this.researchers.findOneBy({ email: email.toLowerCase() });
    const ok = await compare(password, researcher?.passwordHash ?? DUMMY_HASH);
    if (!researcher || !ok) {
      this.throttle.failed(email, address);
      return null;
    }
    this.throttle.succeeded(email);
    await this.tokens.delete({ researcherId: researcher.id, expiresAt: LessThan(new Date()) });
    return this.issue({ id: researcher.id, email: researcher.email, role: researcher.role });
  }

  /**
   * Rotation: a new token for a valid one, which stops working at once. Of two concurrent
   * refreshes of one token only the first succeeds. Null for an unknown or expired token.
   */
  async refresh(token: string): Promise<IssuedToken | null> {
    const researcher = await this.verify(token);
    if (!researcher) return null;
    const revoked = await this.tokens.delete({ tokenHash: sha256(token) });
    if (!revoked.affected) return null;
    return this.issue(researcher);
  }

  private async issue(researcher: AuthenticatedResearcher): Promise<IssuedToken> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.tokenTtlMs);
    await this.tokens.insert({
      id: randomUUID(),
      tokenHash: sha256(token),
      researcherId: researcher.id,
      expiresAt,
      createdAt: new Date(),
    });
    return { token, expiresAt, researcher };
  }

  /** The researcher behind a bearer token, if it exists and has not expired. */
  async verify(token: unknown): Promise<AuthenticatedResearcher | null> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) return null;
    const row = await this.tokens.findOne({ where: { tokenHash: sha256(token) }, relations: { researcher: true } });
    if (!row?.researcher || row.expiresAt.getTime() <= Date.now()) return null;
    return { id: row.researcher.id, email: row.researcher.email, role: row.researcher.role };
  }

  async logout(token: string): Promise<void> {
    await this.tokens.delete({ tokenHash: sha256(token) });
  }
}
