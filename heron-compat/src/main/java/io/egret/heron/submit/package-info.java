/**
 * The author side: {@link io.egret.heron.submit.HeronSubmitMain} runs a Heron topology's main class as Heron's CLI
 * does and {@link io.egret.heron.submit.HeronDefinitionReader} turns the definition {@code HeronSubmitter} wrote
 * into Egret's.
 */
package io.egret.heron.submit;
