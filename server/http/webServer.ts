import express from 'express';
import type { Config } from '../config';
import type { Log } from '../log';
import { createClientAddress } from './clientAddress';
import { securityHeaders } from './securityHeaders';
import { createHttpServer } from './transport';

/** The express app (security headers first) on an HTTP server with the transport's timeouts and caps. */
export function createWebServer(config: Config, log: Log) {
  const clientAddress = createClientAddress(config.trustProxy);
  const web = express().disable('x-powered-by').set('trust proxy', clientAddress.expressSetting).use(securityHeaders);
  const httpServer = createHttpServer(web, config, clientAddress, log.child('http'));
  return { web, httpServer, clientAddress };
}
