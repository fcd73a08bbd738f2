-- Second LSP client: Neovim (0.7+) attaches the language server to the current buffer, waits for
-- textDocument/publishDiagnostics, writes what it received as JSON and quits.
--
--   PM_NVIM_OUT=out.json nvim --headless --clean -c 'luafile test/nvim/check.lua' FILE
--
-- Environment:
--   PM_NVIM_OUT         (required) where the JSON result goes
--   PM_NVIM_SERVER_CMD  server command as a JSON array (default ["node","<cwd>/dist/server.js","--stdio"])
--   PM_NVIM_ROOT        workspace root sent to the server (default: the file's folder)
--   PM_NVIM_TIMEOUT_MS  how long to wait (default 15000)
--   PM_NVIM_EXPECT      comma-separated codes: wait until one publication holds all of them
--                       (otherwise the first publication for the file is taken)
--   PM_NVIM_FEATURES    comma-separated: links, inlay, rename — after the diagnostics, ask for them
--                       and record the answers in result.features (issue 14). Neovim 0.7 has no
--                       inlay hint API: textDocument/inlayHint (and the others) go through
--                       vim.lsp.buf_request_sync directly. Rename applies the text edits to the
--                       buffer (never saved; resource operations are recorded, not applied).
-- Exit code: 0 when the wait was satisfied, 2 on timeout or a server that failed/exited, 3 on usage.
-- Neovim 0.7: vim.lsp.start_client + vim.lsp.buf_attach_client (vim.lsp.start is 0.8+).

local out_path = os.getenv('PM_NVIM_OUT')
local timeout_ms = tonumber(os.getenv('PM_NVIM_TIMEOUT_MS') or '') or 15000
local expect = {}
for code in string.gmatch(os.getenv('PM_NVIM_EXPECT') or '', '[^,%s]+') do
  table.insert(expect, code)
end

local bufnr = vim.api.nvim_get_current_buf()
local file = vim.api.nvim_buf_get_name(bufnr)
local uri = vim.uri_from_bufnr(bufnr)
local root = os.getenv('PM_NVIM_ROOT') or vim.fn.fnamemodify(file, ':p:h')
local cmd = { 'node', vim.fn.getcwd() .. '/dist/server.js', '--stdio' }
if os.getenv('PM_NVIM_SERVER_CMD') and os.getenv('PM_NVIM_SERVER_CMD') ~= '' then
  cmd = vim.fn.json_decode(os.getenv('PM_NVIM_SERVER_CMD'))
end

local result = {
  nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch,
  file = file,
  uri = uri,
  root = root,
  cmd = cmd,
  expect = expect,
  started = false,
  attached = false,
  initialized = false,
  server_info = vim.NIL,
  publications = 0,
  diagnostics = vim.NIL, -- the LSP Diagnostic[] of the accepted (or, on timeout, the last) publication
  server_exit = vim.NIL,
  error = vim.NIL,
  elapsed_ms = 0,
}
local t0 = vim.loop.hrtime()
local done = false

local function finish(code)
  result.elapsed_ms = math.floor((vim.loop.hrtime() - t0) / 1e6)
  if out_path then
    local f = assert(io.open(out_path, 'w'))
    f:write(vim.fn.json_encode(result))
    f:close()
  else
    io.stderr:write(vim.fn.json_encode(result) .. '\n')
  end
  for _, client in pairs(vim.lsp.get_active_clients()) do
    client.stop(true)
  end
  vim.cmd((code == 0) and 'qall!' or ('cquit! ' .. code))
end

if not out_path then
  result.error = 'PM_NVIM_OUT is not set'
  finish(3)
  return
end
if file == '' then
  result.error = 'no file given: nvim --headless --clean -c "luafile check.lua" FILE'
  finish(3)
  return
end
if vim.bo[bufnr].filetype == '' and file:match('%.md$') then
  vim.bo[bufnr].filetype = 'markdown' -- the languageId sent in didOpen
end

local function codes_of(diagnostics)
  local set = {}
  for _, d in ipairs(diagnostics or {}) do
    if d.code ~= nil then
      set[tostring(d.code)] = true
    end
  end
  return set
end

local function accepted(diagnostics)
  if #expect == 0 then
    return true
  end
  local set = codes_of(diagnostics)
  for _, code in ipairs(expect) do
    if not set[code] then
      return false
    end
  end
  return true
end

local client_id = vim.lsp.start_client({
  name = 'postmortem-assistant',
  cmd = cmd,
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
      if params and params.uri == uri then
        result.publications = result.publications + 1
        result.diagnostics = params.diagnostics or {}
        if accepted(params.diagnostics) then
          done = true
        end
      end
      return vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
    end,
  },
  on_init = function(client, init_result)
    result.initialized = true
    if init_result and init_result.serverInfo then
      result.server_info = init_result.serverInfo
    end
  end,
  on_exit = function(code, signal)
    result.server_exit = { code = code, signal = signal }
  end,
})

if not client_id then
  result.error = 'vim.lsp.start_client failed to start ' .. table.concat(cmd, ' ')
  finish(2)
  return
end
result.started = true
result.attached = vim.lsp.buf_attach_client(bufnr, client_id) and true or false

-- Wait for an event (a publication that satisfies us, or the server going away), not a fixed time.
local ok = vim.wait(timeout_ms, function()
  return done or result.server_exit ~= vim.NIL
end, 20)

-- Issue 14: document links, inlay hints and rename, each requested the way Neovim's own client would.
local function line_of(needle)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local c = string.find(l, needle, 1, true)
    if c then
      return i - 1, c - 1
    end
  end
  return nil
end

local function first_result(responses)
  for _, r in pairs(responses or {}) do
    if r.error then
      return nil, r.error
    end
    return r.result, nil
  end
  return nil, 'no response'
end

local function check_features()
  local wanted = {}
  for f in string.gmatch(os.getenv('PM_NVIM_FEATURES') or '', '[^,%s]+') do
    wanted[f] = true
  end
  if next(wanted) == nil then
    return
  end
  result.features = {}
  local doc = { uri = uri }
  local n = vim.api.nvim_buf_line_count(bufnr)
  if wanted.links then
    local r, err = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/documentLink', { textDocument = doc }, timeout_ms))
    result.features.links = r or vim.NIL
    result.features.links_error = err or vim.NIL
  end
  if wanted.inlay then
    local range = { start = { line = 0, character = 0 }, ['end'] = { line = n, character = 0 } }
    local r, err = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/inlayHint', { textDocument = doc, range = range }, timeout_ms))
    result.features.inlay = r or vim.NIL
    result.features.inlay_error = err or vim.NIL
  end
  if wanted.rename then
    local line, col = line_of('**Incident ID:** ')
    if line then
      local pos = { line = line, character = col + #'**Incident ID:** ' + 2 }
      local prep = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/prepareRename', { textDocument = doc, position = pos }, timeout_ms))
      result.features.prepare_rename = prep or vim.NIL
      local new_id = 'INC-2099-0001'
      local edit, err = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/rename',
        { textDocument = doc, position = pos, newName = new_id }, timeout_ms))
      result.features.rename_error = err or vim.NIL
      local applied, resource_ops = 0, 0
      if edit then
        for _, change in ipairs(edit.documentChanges or {}) do
          if change.kind then
            resource_ops = resource_ops + 1
          elseif change.textDocument and change.textDocument.uri == uri then
            vim.lsp.util.apply_text_edits(change.edits, bufnr, 'utf-16')
            applied = applied + #change.edits
          end
        end
        for u, edits in pairs(edit.changes or {}) do
          if edit.documentChanges == nil and u == uri then
            vim.lsp.util.apply_text_edits(edits, bufnr, 'utf-16')
            applied = applied + #edits
          end
        end
      end
      local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
      local _, count_new = string.gsub(text, (string.gsub(new_id, '%-', '%%-')), '')
      local old_pattern = (string.gsub((prep and prep.placeholder) or 'INC-NONE', '%-', '%%-'))
      local _, count_old = string.gsub(text, old_pattern, '')
      local we = ((vim.lsp.protocol.make_client_capabilities().workspace or {}).workspaceEdit or {})
      result.features.rename = { resource_operations_announced = we.resourceOperations or vim.NIL, document_changes_announced = we.documentChanges or false, edits = applied, resource_operations = resource_ops, new_id_count = count_new, old_id_count = count_old }
    else
      result.features.rename_error = 'no **Incident ID:** line'
    end
  end
end

if done then
  local ok_features, err = pcall(check_features)
  if not ok_features then
    result.error = 'feature requests failed: ' .. tostring(err)
    finish(2)
    return
  end
  finish(0)
elseif result.server_exit ~= vim.NIL then
  result.error = string.format('server exited (code %s, signal %s) %s', tostring(result.server_exit.code),
    tostring(result.server_exit.signal),
    result.initialized and 'before publishing the expected diagnostics' or 'without answering initialize')
  finish(2)
else
  local what
  if not result.initialized then
    what = 'an answer to initialize'
  elseif result.publications == 0 then
    what = 'textDocument/publishDiagnostics for ' .. uri
  else
    what = 'diagnostics with codes ' .. table.concat(expect, ', ')
  end
  result.error = string.format('timed out after %d ms waiting for %s (%d publication(s) received)',
    timeout_ms, what, result.publications)
  assert(ok == false)
  finish(2)
end
