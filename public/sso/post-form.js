// Submits the SAML HTTP-POST binding form (SAML bindings §3.5) as soon as the page loads. A static file rather
// than an inline script, so that it runs under a Content-Security-Policy without 'unsafe-inline'.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("sso-post");
  if (form) form.submit();
});
