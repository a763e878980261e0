// The status page's stylesheet, inline so that the page needs no other request. Class names are supervisord's.

export const STYLE = `
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; background: #f6f7f9; }
#wrapper { max-width: 1100px; margin: 0 auto; padding: 16px 20px 40px; }
#header h1 { font-size: 20px; font-weight: 600; margin: 8px 0 16px; }
.hidden { display: none; }
.clr::after { content: ""; display: table; clear: both; }
.status_msg { margin: 0 0 12px; padding: 8px 12px; border-left: 4px solid #2f6fdf; background: #e8f0fe; }
#buttons { list-style: none; margin: 0 0 12px; padding: 0; }
.action-button { float: left; margin-right: 8px; }
.action-button a { display: inline-block; padding: 5px 12px; border: 1px solid #c5cad3; border-radius: 4px; background: #fff; color: #222; text-decoration: none; }
.action-button a:hover { background: #eef1f5; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #dde1e7; }
th { text-align: left; padding: 8px 10px; background: #eef1f5; border-bottom: 1px solid #dde1e7; font-weight: 600; }
td { padding: 6px 10px; border-bottom: 1px solid #eceff3; vertical-align: top; }
tr.shade td { background: #fafbfc; }
td.status span { display: inline-block; min-width: 70px; padding: 1px 8px; border-radius: 10px; text-align: center; font-size: 12px; font-weight: 600; }
.statusrunning { background: #dcf5e3; color: #17692f; }
.statuserror { background: #fde2e1; color: #a61b12; }
.statusnominal { background: #eceff3; color: #4a5261; }
td.action ul { list-style: none; margin: 0; padding: 0; }
td.action li { display: inline; margin-right: 10px; }
a { color: #2f6fdf; }
#footer { max-width: 1100px; margin: 0 auto; padding: 0 20px 20px; color: #777; font-size: 12px; }
`;
