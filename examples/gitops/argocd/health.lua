-- Argo CD health check for ferry.dev/MigrationTask.
--
-- Install it under the argocd-cm key resource.customizations.health.ferry.dev_MigrationTask
-- (examples/gitops/README.md). It reads the status the Ferry operator writes:
-- observedGeneration, phase, progress, retry.lastError and the conditions Stalled,
-- Reconciling and CaughtUp. Only Lua's base and table libraries are used: those are the ones
-- Argo CD opens for checks configured in argocd-cm.
local hs = {}

local function condition(status, conditionType)
  if status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

local function isTrue(status, conditionType)
  local c = condition(status, conditionType)
  return c ~= nil and c.status == "True"
end

local function reconcilingBecause(status, reason)
  local c = condition(status, "Reconciling")
  return c ~= nil and c.status == "True" and c.reason == reason
end

local function nonEmpty(text)
  return text ~= nil and text ~= ""
end

local function withProgress(text, status)
  if nonEmpty(status.progress) then
    return text .. ": " .. status.progress
  end
  return text
end

local function lastError(status)
  if status.retry ~= nil and nonEmpty(status.retry.lastError) then
    return status.retry.lastError
  end
  local stalled = condition(status, "Stalled")
  if stalled ~= nil and nonEmpty(stalled.message) then
    return stalled.message
  end
  return "see kubectl describe migrationtask " .. obj.metadata.name
end

local status = obj.status
if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to accept the task"
  return hs
end

local generation = obj.metadata.generation
local observed = status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  if observed == nil then
    hs.message = "Waiting for the operator to observe generation " .. generation
  else
    hs.message = "Waiting for the operator to observe generation " .. generation
      .. " (observed " .. observed .. ")"
  end
  return hs
end

local phase = status.phase
if phase == "Completed" then
  hs.status = "Healthy"
  hs.message = "Migration completed"
  return hs
end

if phase == "Failed" then
  hs.status = "Degraded"
  hs.message = "Migration failed: " .. lastError(status)
  return hs
end

if isTrue(status, "Stalled") then
  local stalled = condition(status, "Stalled")
  local reason = stalled.reason or "Stalled"
  hs.status = "Degraded"
  if nonEmpty(stalled.message) then
    hs.message = reason .. ": " .. stalled.message
  else
    hs.message = reason
  end
  return hs
end

if phase == "Suspended" then
  hs.status = "Suspended"
  hs.message = "Suspended by spec.suspend; resumes from its checkpoint when it is false"
  return hs
end

if reconcilingBecause(status, "RetryScheduled") then
  hs.status = "Progressing"
  hs.message = condition(status, "Reconciling").message
  return hs
end

if phase == "Incremental" and reconcilingBecause(status, "CutoverInProgress") then
  hs.status = "Progressing"
  hs.message = withProgress("Cutover in progress", status)
  return hs
end

if phase == "Reverse" and isTrue(status, "Ready") then
  hs.status = "Healthy"
  hs.message = withProgress("Cut over; reverse stream to the old source running", status)
  return hs
end

if phase == "Incremental" and isTrue(status, "CaughtUp") then
  hs.status = "Healthy"
  hs.message = withProgress("Replicating, caught up", status)
  return hs
end

hs.status = "Progressing"
if phase == nil then
  hs.message = "Pending"
else
  hs.message = withProgress(phase, status)
end
return hs
