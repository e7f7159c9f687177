import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Clock } from '../../shared/time';
import type { Log } from '../log';
import { createHealthRoutes, type HealthRouteDeps } from './healthRoutes';
import { createAdminRoutes, type AdminRouteDeps } from './adminRoutes';
import { createAuthRoutes, type AuthRouteDeps } from './authRoutes';
import { createCoachingRoutes } from './coachingRoutes';
import { createFloorRoutes, type FloorRouteDeps } from './floorRoutes';
import { authOf, requireViewer, viewerName } from './requireViewer';
import type { WriteLimiter } from '../redis/writeLimits';
import { createTargetRoutes } from './targetRoutes';
import { createTeamRoutes } from './teamRoutes';
import type { TeamNamesRepo } from '../redis/teamNamesRepo';
import { sendError } from './validate';
import { createLeaderboardRoutes } from './leaderboardRoutes';
import { createAlertRoutes } from './alertRoutes';
import { createDeadLetterRoutes } from './deadLetterRoutes';
import type { DeadLetterRepo } from '../redis/deadLetterRepo';
import type { AlertMonitor } from '../alerts/alertMonitor';
import { createTrendRoutes } from './trendRoutes';
import type { LeaderboardService } from '../leaderboard/leaderboardService';
import type { TrendService } from '../trends/trendService';
import type { CoachingService } from '../coaching/coachingService';
import type { CoachingEffects } from '../coaching/coachingEffects';
import type { TargetsService } from '../targets/targetsService';
import type { DailyTargets } from '../../shared/domain/targets';
import { ingestRoutes } from '../../shared/contracts/ingest';
import { createIngestRoutes, type IngestRouteDeps } from './ingestRoutes';
import { createIngestKeyRoutes } from './ingestKeyRoutes';
import type { CallbackService } from '../callbacks/callbackService';
import { createCallbackRoutes } from './callbackRoutes';
import { createSourceRoutes } from './sourceRoutes';
import type { HandoffService } from '../handoffs/handoffService';
import { createHandoffRoutes } from './handoffRoutes';
import type { SourceList } from '../sources/sourceList';
import type { FeedbackService } from '../feedback/feedbackService';
import type { ReasonCatalogueRepo } from '../redis/reasonCatalogueRepo';
import { createReasonRoutes } from './reasonRoutes';
import { createFeedbackRoutes } from './feedbackRoutes';
import { feedbackRoutes } from '../../shared/contracts/feedback';
import type { CampaignService } from '../campaigns/campaignService';
import { createCampaignRoutes } from './campaignRoutes';
import type { HistoryService } from '../history/historyService';
import { createHistoryRoutes } from './historyRoutes';
import type { ReplayService } from '../replay/replayService';
import { createReplayRoutes } from './replayRoutes';
import type { ChatService } from '../webhooks/chatService';
import { createWebhookRoutes } from './webhookRoutes';
import type { ExportService } from '../exports/exportService';
import type { WallClock } from '../exports/writeExport';
import { createExportRoutes } from './exportRoutes';
import type { ReviewService } from '../review/reviewService';
import { createReviewRoutes } from './reviewRoutes';

export interface HttpDeps extends AuthRouteDeps, FloorRouteDeps, AdminRouteDeps, HealthRouteDeps, IngestRouteDeps {
  coaching: CoachingService;
  /** Closed-loop coaching (issue #17): each note's metric before and after it. */
  coachingEffects: CoachingEffects;
  leaderboard: LeaderboardService;
  alerts: AlertMonitor;
  deadLetters: DeadLetterRepo;
  trends: TrendService;
  targets: TargetsService;
  teamNames: TeamNamesRepo;
  defaults: DailyTargets;
  /** FLOORBOARD_CALENDAR as configured (the targets answer says which years it lacks). */
  calendarSource: string;
  clock: Clock;
  clientDir: string | null;
  log: Log;
  /** Per-session write limit, shared by every instance (server/redis/writeLimits.ts). */
  writes: WriteLimiter;
  callbacks: CallbackService;
  /** Sources of call events for GET /api/sources (absent: the route answers 404). */
  sources?: SourceList;
  sourceSilentMs?: number;
  /** The reason catalogue and the market-feedback counts (issue #16). */
  reasonCatalogue: ReasonCatalogueRepo;
  feedback: FeedbackService;
  /** Campaigns, lists and lines (absent: the routes answer 404). */
  campaigns?: CampaignService;
  /** The handoff ledger (absent: GET /api/handoffs answers 404). */
  handoffs?: HandoffService;
  /** Per-day history of a rep or team (issue #17). */
  history: HistoryService;
  /** Floor replay, issue #17 (absent: the routes answer 404). */
  replay?: ReplayService;
  /** Chat apps (absent: /api/webhooks answers 404). */
  chat?: ChatService;
  /** CSV and XLSX exports (issue #17; absent: the routes answer 404). */
  exports?: { service: ExportService; wallClock: WallClock };
  /** The daily review (issue #17; absent: GET /api/review answers 404). */
  review?: ReviewService;
}

/** Request bodies are small JSON objects; anything bigger is refused before parsing. */
const BODY_LIMIT = '16kb';
const CATALOGUE_BODY_LIMIT = '256kb';

export function createHttpRouter(deps: HttpDeps): Router {
  const router = express.Router();

  // Liveness for load balancers, which cannot sign in (status only); figures for supervisors and scrapers.
  router.use(createHealthRoutes(deps));
  // Sources with an API key, not people: own auth, own body limit, before the session-only routes.
  router.use(ingestRoutes.events, createIngestRoutes(deps));

  // The whole reason catalogue (200 entries with labels, 500 aliases) is larger than any other body.
  router.put(feedbackRoutes.reasons, express.json({ limit: CATALOGUE_BODY_LIMIT }));
  router.use(express.json({ limit: BODY_LIMIT }));
  router.use(createAuthRoutes(deps));

  const api = express.Router();
  api.use(requireViewer(deps.authenticate, deps.allowedOrigins));
  // Writes are people's actions: a generous burst, then a few a second per session.
  api.use((req, res, next) => {
    if (req.method === 'GET') return next();
    deps.writes.take(authOf(res).key).then((taken) => {
      if (taken.ok) return next();
      deps.log.warn('writes throttled', { viewer: viewerName(authOf(res).viewer), path: req.path });
      res.setHeader('Retry-After', String(Math.ceil(taken.retryAfterMs / 1000)));
      sendError(res, 429, 'too many changes at once: wait a moment and try again');
    }, next);
  });
  api.use(createFloorRoutes(deps));
  api.use(createCoachingRoutes(deps.coaching, deps.coachingEffects));
  api.use(createTargetRoutes(deps));
  api.use(createTeamRoutes(deps));
  api.use(createAlertRoutes(deps.alerts));
  api.use(createLeaderboardRoutes(deps));
  api.use(createTrendRoutes(deps));
  api.use(createAdminRoutes(deps));
  api.use(createIngestKeyRoutes(deps));
  api.use(createDeadLetterRoutes({ deadLetters: deps.deadLetters }));
  api.use(createCallbackRoutes(deps.callbacks));
  api.use(
    createReasonRoutes({ catalogue: deps.reasonCatalogue, feedback: deps.feedback, bus: deps.bus, log: deps.log }),
  );
  api.use(createFeedbackRoutes({ feedback: deps.feedback }));
  if (deps.campaigns) api.use(createCampaignRoutes({ campaigns: deps.campaigns }));
  if (deps.handoffs) api.use(createHandoffRoutes(deps.handoffs));
  api.use(createHistoryRoutes(deps));
  if (deps.replay) api.use(createReplayRoutes(deps.replay));
  if (deps.chat) api.use(createWebhookRoutes({ chat: deps.chat, log: deps.log }));
  if (deps.exports)
    api.use(createExportRoutes({ exports: deps.exports.service, wallClock: deps.exports.wallClock, log: deps.log }));
  if (deps.review) api.use(createReviewRoutes({ review: deps.review }));
  if (deps.sources)
    api.use(createSourceRoutes({ sources: deps.sources, silentMs: deps.sourceSilentMs ?? 300_000, clock: deps.clock }));
  api.use((req, res) => sendError(res, 404, `no such route: ${req.method} ${req.path}`));
  router.use('/api', api);

  if (deps.clientDir && existsSync(join(deps.clientDir, 'index.html'))) {
    const index = join(deps.clientDir, 'index.html');
    router.use(express.static(deps.clientDir, { index: false, maxAge: '1h' }));
    router.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => res.sendFile(index, { maxAge: 0 }));
  }

  const onError: ErrorRequestHandler = (
    error: { type?: string; status?: number; message?: string },
    req,
    res,
    _next,
  ) => {
    if (error.type === 'entity.parse.failed') return sendError(res, 400, 'body: not valid JSON');
    if (error.type === 'entity.too.large')
      return sendError(
        res,
        413,
        `body: larger than ${req.path === feedbackRoutes.reasons ? CATALOGUE_BODY_LIMIT : BODY_LIMIT}`,
      );
    if (error.status && error.status >= 400 && error.status < 500)
      return sendError(res, error.status, error.message ?? 'bad request');
    deps.log.error('request failed', { error: String(error.message ?? error) });
    sendError(res, 500, 'internal error');
  };
  router.use(onError);
  return router;
}
