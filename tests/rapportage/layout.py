"""Lay a report out the way the PDF is made and find what runs off the page."""

from portal.rapportage.pdf import BASE_URL, url_fetcher


def past_the_margin(html: str) -> list[str]:
    """Boxes whose right edge lies beyond the page's text area, per page.

    The page header and footer sit in the margin on purpose and are skipped.
    """
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher())
    found = []
    for number, page in enumerate(document.render().pages, 1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width
        for child in page_box.children:
            if isinstance(child, boxes.MarginBox):
                continue
            for box in child.descendants():
                overshoot = box.border_box_x() + box.border_width() - right
                if overshoot > 0.5:  # half a CSS pixel: rounding, not a layout fault
                    element = getattr(box, "element_tag", "?")
                    found.append(f"page {number}: <{element}> {overshoot:.0f}px")
    return found
