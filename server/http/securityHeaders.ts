import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The page's policy: everything from our own origin, sockets included (CSP 3 `'self'` covers
 * same-origin ws:/wss:). No inline scripts and no <style> elements; style *attributes* are
 * allowed because ECharts writes its tooltip markup with them (Vue :style bindings and ECharts'
 * own element styles go through the CSSOM, which the policy never blocks). Attributes cannot
 * carry selectors, so the CSS-injection reads that `style-src 'unsafe-inline'` allows stay shut.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  styleSrcAttr: ["'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
};

const headers = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  // No framing, no sniffing, no referrer (wallboard links carry a token), our own window group.
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  // Only over HTTPS (below): on plain HTTP the header means nothing and would mislead a reader.
  strictTransportSecurity: false,
});

/** Half a year, the usual minimum for HSTS; no includeSubDomains: the floor may share a domain. */
const hsts = helmet.strictTransportSecurity({ maxAge: 180 * 24 * 3600, includeSubDomains: false });

/**
 * Headers for every response. HSTS when the request came over HTTPS: directly, or through a
 * proxy we trust (FLOORBOARD_TRUST_PROXY) that says so in X-Forwarded-Proto.
 */
export const securityHeaders: RequestHandler = (req, res, next) => {
  headers(req, res, (error?: unknown) => {
    if (error) return next(error);
    if (req.secure) hsts(req, res, next);
    else next();
  });
};
