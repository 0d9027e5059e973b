// The portal's only script of its own: the light/dark choice is kept in a cookie so the server renders the right
// palette on the next request (no flash of the wrong theme).
window.servicePortal = {
    setThemeCookie: function (name, value) {
        document.cookie = name + "=" + encodeURIComponent(value) + "; path=/; max-age=31536000; samesite=lax";
    }
};
