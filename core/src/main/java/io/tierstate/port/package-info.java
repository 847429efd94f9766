/**
 * The ports: interfaces the core needs from the outside world, named for their role. Adapters
 * (the file store, AWS, a simulated cloud, your own) implement them.
 */
package io.tierstate.port;
