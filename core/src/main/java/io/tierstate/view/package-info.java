/** What people and pipelines see: list and migration views, as text ({@code render()}) and JSON ({@code toJson()}). */
package io.tierstate.view;
