/**
 * An in-process fake of Zuora's resend, OAuth token and Data Query endpoints, for tests, contract
 * verification and local tools. Start one with {@link
 * dev.zuoraclient.callouts.simulator.ZuoraSimulator#builder()}.
 */
package dev.zuoraclient.callouts.simulator;
