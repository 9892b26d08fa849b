/** Log files of the parts ({@code var/logs}): parsing ECS JSON lines, merging in time order, filtering, following. */
package io.emporium.runner.logs;
