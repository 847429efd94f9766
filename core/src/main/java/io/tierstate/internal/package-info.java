/** Wiring shared by the other packages; not API, may change in any release. */
package io.tierstate.internal;
