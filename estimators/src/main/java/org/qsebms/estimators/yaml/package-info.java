/**
 * Reading YAML text the way every loader of the project must: one document per file. Text only; the files are opened
 * by the callers.
 */
package org.qsebms.estimators.yaml;
