{{/* Name of the chart, at most 63 characters. */}}
{{- define "ferry.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects: the release name, with the chart name unless it has it. */}}
{{- define "ferry.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Labels that select the operator pods. */}}
{{- define "ferry.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ferry.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of every object of the release. */}}
{{- define "ferry.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "ferry.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ferry
{{- end }}

{{/* Service account of the operator. */}}
{{- define "ferry.serviceAccountName" -}}
{{- default (include "ferry.fullname" .) .Values.serviceAccount.name }}
{{- end }}

{{/* Operator image, tag defaulting to the chart's appVersion. */}}
{{- define "ferry.operatorImage" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Worker image, tag defaulting to the chart's appVersion. */}}
{{- define "ferry.workerImage" -}}
{{- printf "%s:%s" .Values.worker.image.repository (default .Chart.AppVersion .Values.worker.image.tag) }}
{{- end }}

{{/* "true" when replicas elect a leader: asked for, or needed because replicaCount > 1. */}}
{{- define "ferry.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicaCount) 1) }}true{{ else }}false{{ end }}
{{- end }}

{{/* Namespace of the leader election Lease. */}}
{{- define "ferry.leaseNamespace" -}}
{{- default .Release.Namespace .Values.leaderElection.leaseNamespace }}
{{- end }}

{{/*
Namespaces where worker pods run and so need the worker service account: the watched namespaces
(namespaced mode) or workerNamespaces (cluster mode), one per line.
*/}}
{{- define "ferry.workerNamespaces" -}}
{{- if and .Values.watchNamespaces .Values.workerNamespaces }}
{{- fail "workerNamespaces is for cluster mode only: in namespaced mode the worker service account is created in every namespace of watchNamespaces. Fix: remove workerNamespaces, or set watchNamespaces to [] for cluster mode" }}
{{- end }}
{{- range (default .Values.workerNamespaces .Values.watchNamespaces) | uniq }}
{{ . }}
{{- end }}
{{- end }}

{{/*
What the operator does with the API (verified against the operator's code):
- migrationtasks: informer (list, watch), fresh read after its own write (get), finalizer and
  endpoint-fingerprint annotation as JSON/merge patches (patch);
- migrationtasks/status: JSON patches of the operator's status fields (patch);
- migrationtasks/finalizers: update, so that worker pods may carry an owner reference with
  blockOwnerDeletion where the OwnerReferencesPermissionEnforcement admission plugin is on;
- pods: worker pods it creates, reads, deletes and watches through an informer;
- secrets: get, to check that the Secrets a task names exist and have their keys, and list/watch,
  so that a task refused for a missing Secret runs as soon as the Secret arrives (External
  Secrets, Sealed Secrets and Vault deliver late);
- events: create (one Event per notable change).
*/}}
{{- define "ferry.operatorRules" -}}
- apiGroups: ["ferry.dev"]
  resources: ["migrationtasks"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["ferry.dev"]
  resources: ["migrationtasks/status"]
  verbs: ["patch"]
- apiGroups: ["ferry.dev"]
  resources: ["migrationtasks/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["create", "delete", "get", "list", "watch"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end }}

{{/* What a worker does with the API: read its MigrationTask, patch its status. */}}
{{- define "ferry.workerRules" -}}
- apiGroups: ["ferry.dev"]
  resources: ["migrationtasks"]
  verbs: ["get"]
- apiGroups: ["ferry.dev"]
  resources: ["migrationtasks/status"]
  verbs: ["patch"]
{{- end }}

{{/* Metadata of the CRD: its name, the chart's labels and, with crds.keep, Helm's keep policy. */}}
{{- define "ferry.crdMetadata" -}}
metadata:
  name: "migrationtasks.ferry.dev"
  labels:
    {{- include "ferry.labels" . | nindent 4 }}
  {{- if .Values.crds.keep }}
  annotations:
    helm.sh/resource-policy: keep
  {{- end }}
{{ end }}
