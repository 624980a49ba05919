-- Pandoc filter for the printed booklet and the office documents.
--
-- The site's pages hold a few raw HTML blocks (accessible tables, the timeline).
-- Pandoc's Markdown reader keeps them raw, and the Typst, DOCX and ODT writers
-- would drop them, so we read them with pandoc's HTML reader into real tables
-- and lists. Links between the site's pages mean nothing on paper: they become
-- plain text, in a booklet with the page of the chapter they lead to, and web
-- links show their address.

-- Only web and e-mail addresses stay links on paper. Everything else (pages, anchors
-- such as #roller that a booklet may not have, any other scheme) becomes its text.
-- A link to another page of the handbook (no scheme, not only an anchor).
local function is_relative(target)
  return not target:match("^%a[%w+.-]*:") and not target:match("^#")
end

local function keeps_link(target)
  local scheme = (target:match("^(%a[%w+.-]*):") or ""):lower()
  return scheme == "https" or scheme == "http" or scheme == "mailto"
end

-- Tables fill the text width: a narrow first column for the row headers and
-- equal shares for the rest, so Typst does not squeeze a column until its
-- words break ("In-struk-tion").
local function spread_columns(tbl)
  local n = #tbl.colspecs
  if n < 2 then
    return tbl
  end
  local first = n > 3 and 0.19 or 0.26
  for i, spec in ipairs(tbl.colspecs) do
    local width = i == 1 and first or (1 - first) / (n - 1)
    tbl.colspecs[i] = { spec[1], width }
  end
  return tbl
end

-- "1. gruppemøde" at the start of a list item would read as a nested numbered list
-- in Typst; a non-breaking space after the number keeps it text.
local function keep_number_as_text(item)
  local first = item[1]
  if first and first.content and #first.content > 1 then
    local number, gap = first.content[1], first.content[2]
    if number.t == "Str" and number.text:match("^%d+%.$") and gap.t == "Space" then
      first.content[2] = pandoc.Str("\u{00A0}")
    end
  end
  return item
end

local function html_blocks(text)
  local blocks = pandoc.read(text, "html").blocks
  local timeline = text:match('class="mentor%-timeline"') ~= nil
  return blocks:walk({
    Table = spread_columns,
    OrderedList = function(list)
      if timeline then
        return pandoc.BulletList(list.content:map(keep_number_as_text))
      end
    end,
  })
end

-- A heading inside a list item, a quote or a block (a text's "# Punkt" in an agenda list) is no
-- section of the booklet, and Typst cannot start a chapter's page inside one: it becomes bold text.
local no_headings = {
  Header = function(h)
    return pandoc.Para({ pandoc.Strong(h.content) })
  end,
}

local function without_headings(el)
  return el:walk(no_headings)
end

BulletList, OrderedList, BlockQuote, DefinitionList, Div = without_headings, without_headings,
  without_headings, without_headings, without_headings

function RawBlock(el)
  if el.format == "html" then
    return html_blocks(el.text)
  end
  return {}
end

function RawInline(el)
  return {}
end

-- Where in the booklet a link leads ("roller.md#mentor" → the chapter's label
-- "kapitel-roller" and the heading "mentor", see outputs/booklets.py), or nil for a page that
-- is no chapter. Only letters, digits and hyphens pass (and the bytes of non-ASCII
-- letters in the heading), so both are safe to write as Typst.
local function chapter_call(target)
  local path, anchor = target:match("^%.?/?([^#]*)#?(.*)$")
  local stem = path:match("^([%w-]+)%.md$")
  if not stem then
    return nil
  end
  anchor = anchor:match("^[%w%-\128-\255]+$") or ""
  return "#chapter-page(<kapitel-" .. stem .. '>, "' .. anchor .. '");'
end

function Link(el)
  if not keeps_link(el.target) then
    local call = is_relative(el.target) and FORMAT == "typst" and chapter_call(el.target)
    if call then
      -- booklet.typ's chapter-page prints " (se side 12)", or nothing when the booklet
      -- does not hold that chapter; the semicolon ends the call before the next word.
      el.content:insert(pandoc.RawInline("typst", call))
    end
    return el.content
  end
  local text = pandoc.utils.stringify(el.content)
  local address = el.target:gsub("^mailto:", "")
  if text ~= address then
    el.content:extend({ pandoc.Space(), pandoc.Str("(" .. address .. ")") })
  end
  return el
end
